package io.msec.verify;

import io.msec.verify.internal.lts.Bisimulation;
import io.msec.verify.internal.lts.Exploration;
import io.msec.verify.internal.lts.Explorer;
import io.msec.verify.internal.lts.Product;
import io.msec.verify.internal.lts.ProgressCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model checks the processes of an {@link FspModel}: safety and deadlock, progress, explicit
 * composition and minimisation. Instances are cheap and not thread-safe.
 *
 * <pre>{@code
 * Checker c = new Checker(FspModel.load(Path.of("models/purchase.fsp")));
 * if (!c.checkSafety("PURCHASE").passed()) fail();
 * }</pre>
 */
public final class Checker {
  private static final Logger LOG = LoggerFactory.getLogger(Checker.class);

  /** Default bound on stored states; beyond it a check fails with code {@code state-limit}. */
  public static final long DEFAULT_STATE_LIMIT = 200_000_000L;

  private final FspModel model;
  private ProgressListener listener = ProgressListener.NONE;
  private long stateLimit = DEFAULT_STATE_LIMIT;

  /** A checker for {@code model}. */
  public Checker(FspModel model) {
    this.model = model;
  }

  /** Reports exploration progress to {@code l}; returns this checker. */
  public Checker listener(ProgressListener l) {
    this.listener = l;
    return this;
  }

  /** Bounds the number of states stored; returns this checker. */
  public Checker stateLimit(long limit) {
    this.stateLimit = limit;
    return this;
  }

  /** The model being checked. */
  public FspModel model() {
    return model;
  }

  /** Breadth-first search for the error state and for deadlocks, with shortest traces. */
  public SafetyResult checkSafety(String process) {
    Product p = model.compiler().product(process);
    Exploration e = Explorer.explore(p, new Explorer.Options(false, true, stateLimit, listener));
    LOG.debug(
        "checked process={} states={} transitions={} ms={}",
        process,
        e.states(),
        e.transitions(),
        e.nanos() / 1_000_000);
    Optional<List<String>> deadlock =
        e.deadlock() < 0 ? Optional.empty() : Optional.of(e.traceTo(e.deadlock()));
    Verdict v;
    List<String> trace;
    if (e.errorReached()) {
      v = Verdict.VIOLATION;
      trace = e.errorTrace();
    } else if (deadlock.isPresent()) {
      v = Verdict.DEADLOCK;
      trace = deadlock.get();
    } else {
      v = Verdict.PASS;
      trace = List.of();
    }
    return new SafetyResult(
        process,
        v,
        e.errorComponent(),
        trace,
        deadlock,
        e.states(),
        e.transitions(),
        Duration.ofNanos(e.nanos()));
  }

  /**
   * Checks every {@code progress} declaration of the model, or, when there is none, that every
   * action of the alphabet recurs (as LTSA does).
   */
  public ProgressResult checkProgress(String process) {
    long start = System.nanoTime();
    Exploration e = explore(process);
    Lts lts = e.toLts();
    Map<String, List<String>> sets = new LinkedHashMap<>();
    model
        .definitions()
        .progress()
        .forEach((name, def) -> sets.put(name, List.copyOf(model.definitions().names(def.set()))));
    if (sets.isEmpty()) {
      lts.alphabet().forEach(a -> sets.put(a, List.of(a)));
    }
    List<ProgressResult.Violation> violations = new ArrayList<>();
    for (ProgressCheck.Starved s : ProgressCheck.check(lts, sets)) {
      violations.add(
          new ProgressResult.Violation(
              s.name(), s.actions(), e.traceTo(s.entry()), s.cycle(), s.size()));
    }
    return new ProgressResult(
        process,
        violations.isEmpty() ? Verdict.PASS : Verdict.VIOLATION,
        violations,
        lts.stateCount(),
        lts.transitionCount(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** The composite of {@code process} as an explicit LTS (every reachable state). */
  public Lts compose(String process) {
    return explore(process).toLts();
  }

  /**
   * Synthesises the controller declared as {@code controller ||NAME = (PLANT)~{GOAL}.}, or, when
   * {@code name} is a {@code controllerSpec}, a controller for it over the default process.
   */
  public SynthesisResult synthesise(String name) {
    return synthesise(name, null);
  }

  /** Synthesises a controller for goal (or controller) {@code name} over {@code plant}. */
  public SynthesisResult synthesise(String name, String plant) {
    return Synthesise.run(
        model, name, plant, new Explorer.Options(true, false, stateLimit, listener));
  }

  /**
   * Checks a JSON-lines event log (one object per line with an {@code "action"}) against {@code
   * process}: the result names the first event the model does not allow.
   *
   * @throws VerifyException code {@code trace-format} for a malformed line
   */
  public TraceResult checkTrace(String process, java.io.Reader events) {
    return EventLog.check(compose(process), events);
  }

  /** The composite of {@code process}, minimised under {@code eq}. */
  public Lts minimise(String process, Equivalence eq) {
    return minimise(compose(process), eq);
  }

  /** The quotient of {@code lts} under {@code eq}; the result is bisimilar to the input. */
  public static Lts minimise(Lts lts, Equivalence eq) {
    return Bisimulation.minimise(lts, eq == Equivalence.WEAK);
  }

  Exploration explore(String process) {
    Product p = model.compiler().product(process);
    return Explorer.explore(p, new Explorer.Options(true, false, stateLimit, listener));
  }
}
