package io.msec.node.cli;

import io.msec.verify.Checker;
import io.msec.verify.ControllerFile;
import io.msec.verify.Dot;
import io.msec.verify.Equivalence;
import io.msec.verify.FspModel;
import io.msec.verify.Lts;
import io.msec.verify.ProgressListener;
import io.msec.verify.ProgressResult;
import io.msec.verify.SafetyResult;
import io.msec.verify.SynthesisResult;
import io.msec.verify.TraceResult;
import io.msec.verify.Verdict;
import io.msec.verify.VerifyException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code msec check}: model checks an FSP specification (docs/fsp.md), synthesises controllers, and
 * checks event logs against a model. Exit status: 0 when everything holds, 1 when a property is
 * violated (or a trace rejected, or a goal unrealisable), 2 when the input is unusable.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Check an FSP model for deadlock, safety and progress, synthesise a controller, or check"
            + " a JSON-lines event log against the model. Exit 0: holds, 1: violated, 2: bad"
            + " input.")
public final class CheckCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE.fsp", description = "The FSP specification.")
  Path file;

  @Option(
      names = "--process",
      paramLabel = "NAME",
      description = "Process to check (default: the last one declared).")
  String process;

  @Option(
      names = "--synthesize",
      paramLabel = "GOAL",
      description = "Synthesise the controller (or controllerSpec) GOAL.")
  String goal;

  @Option(
      names = "--controller-out",
      paramLabel = "FILE.json",
      description = "Write the synthesised controller (msec-controller/1).")
  Path controllerOut;

  @Option(
      names = "--dot",
      paramLabel = "OUT.dot",
      description = "Write the weakly minimised LTS, or the controller, as Graphviz.")
  Path dot;

  @Option(
      names = "--trace",
      paramLabel = "EVENTS.jsonl",
      description = "Check this event log against the model instead.")
  Path trace;

  @Option(
      names = "--max-states",
      defaultValue = "200000000",
      description = "Give up beyond this many states (default ${DEFAULT-VALUE}).")
  long maxStates;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      FspModel model = FspModel.load(file);
      String target = process != null ? process : model.defaultProcess();
      Checker checker = new Checker(model).stateLimit(maxStates).listener(new StatusLine());
      if (trace != null) {
        return checkTrace(checker, target, out);
      }
      if (goal != null) {
        return synthesise(checker, out);
      }
      return check(checker, target, out);
    } catch (VerifyException e) {
      spec.commandLine()
          .getErr()
          .println("msec check: " + file + ": " + e.getMessage() + " [" + e.code() + "]");
      return 2;
    } catch (java.nio.file.NoSuchFileException e) {
      spec.commandLine().getErr().println("msec check: no such file: " + e.getFile());
      return 2;
    } catch (IOException e) {
      spec.commandLine().getErr().println("msec check: cannot read or write: " + e.getMessage());
      return 2;
    } catch (java.io.UncheckedIOException e) {
      spec.commandLine().getErr().println("msec check: cannot read: " + e.getCause().getMessage());
      return 2;
    }
  }

  private int check(Checker checker, String target, PrintWriter out) throws IOException {
    SafetyResult s = checker.checkSafety(target);
    out.printf(
        "%s: %,d states, %,d transitions (%.3f s)%n",
        target, s.states(), s.transitions(), seconds(s.elapsed()));
    boolean ok = true;
    if (s.verdict() == Verdict.VIOLATION) {
      out.println("safety: VIOLATED, " + s.violated() + " reaches ERROR; shortest trace:");
      printTrace(s.trace(), out);
      ok = false;
    } else {
      out.println("safety: no property violation");
    }
    if (s.deadlock().isPresent()) {
      out.println("deadlock: FOUND; shortest trace:");
      printTrace(s.deadlock().get(), out);
      ok = false;
    } else if (s.verdict() != Verdict.VIOLATION) {
      out.println("deadlock: none");
    }
    if (s.verdict() != Verdict.VIOLATION) {
      ProgressResult p = checker.checkProgress(target);
      for (ProgressResult.Violation v : p.violations()) {
        out.printf(
            "progress %s: VIOLATED, a terminal set of %d states never does %s; trace into it:%n",
            v.progress(), v.setSize(), v.actions());
        printTrace(v.trace(), out);
        out.println("  then forever: " + String.join(", ", v.cycle()));
        ok = false;
      }
      if (p.passed()) {
        out.println("progress: every progress set is served");
      }
      if (dot != null) {
        Lts min = checker.minimise(target, Equivalence.WEAK);
        Files.writeString(dot, Dot.toDot(min));
        out.printf("dot: %s (%d states after weak minimisation)%n", dot, min.stateCount());
      }
    }
    return ok ? 0 : 1;
  }

  private int synthesise(Checker checker, PrintWriter out) throws IOException {
    SynthesisResult r = checker.synthesise(goal, process);
    out.printf(
        "%s: arena %,d states, %,d transitions; winning %,d (%.3f s)%n",
        r.name(), r.arenaStates(), r.arenaTransitions(), r.winningStates(), seconds(r.elapsed()));
    if (!r.realisable()) {
      out.println("UNREALISABLE: the environment wins; one play:");
      printTrace(r.counterPlay(), out);
      return 1;
    }
    Lts c = r.controller();
    out.printf("controller: %d states, %d transitions%n", c.stateCount(), c.transitionCount());
    if (controllerOut != null) {
      ControllerFile.write(c, r.controllable(), controllerOut);
      out.println("controller file: " + controllerOut);
    }
    if (dot != null) {
      Files.writeString(dot, Dot.toDot(c));
      out.println("dot: " + dot);
    }
    return 0;
  }

  private int checkTrace(Checker checker, String target, PrintWriter out) throws IOException {
    TraceResult r;
    try (Reader in = Files.newBufferedReader(trace)) {
      r = checker.checkTrace(target, in);
    }
    if (r.accepted()) {
      out.printf("trace: %d events accepted by %s%n", r.events(), target);
      return 0;
    }
    out.printf(
        "trace: %s line %d: '%s' %s; allowed here: %s%n",
        trace, r.line(), r.action(), r.reason(), String.join(", ", r.allowed()));
    return 1;
  }

  private static void printTrace(List<String> steps, PrintWriter out) {
    for (int i = 0; i < steps.size(); i++) {
      out.printf("  %3d. %s%n", i + 1, steps.get(i));
    }
  }

  private static double seconds(java.time.Duration d) {
    return d.toNanos() / 1e9;
  }

  /** Prints explored states to standard error, at most every two seconds, on large spaces. */
  private static final class StatusLine implements ProgressListener {
    private long last = System.nanoTime();

    @Override
    public void explored(long states, long transitions) {
      long now = System.nanoTime();
      if (now - last > 2_000_000_000L) {
        System.err.printf("explored %,d states, %,d transitions%n", states, transitions);
        last = now;
      }
    }
  }
}
