package io.msec.verify.bench;

import io.msec.verify.Checker;
import io.msec.verify.FspModel;
import io.msec.verify.SafetyResult;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput of the model checker: explores the whole state space of the dining philosophers for a
 * range of sizes (and optionally a scaled platform model), reporting states per second and peak
 * heap, and runs SPIN on the equivalent Promela model for comparison. Figures are reported, never
 * asserted.
 *
 * <pre>{@code
 * List<CheckBench.Row> rows = CheckBench.diners(4, 10, Path.of("models/classic/diners.pml"));
 * }</pre>
 */
public final class CheckBench {
  /**
   * One measurement.
   *
   * @param model what was explored
   * @param states reachable states
   * @param transitions transitions
   * @param seconds wall time of the search
   * @param cpuSeconds CPU time of the searching thread (the fair figure on a busy machine)
   * @param peakHeapBytes peak heap use during the search
   * @param spinSeconds CPU time of SPIN's {@code pan} on the same model (wall time if it cannot be
   *     measured), or -1 when not run
   * @param spinStates states SPIN stored, or -1
   */
  public record Row(
      String model,
      long states,
      long transitions,
      double seconds,
      double cpuSeconds,
      long peakHeapBytes,
      double spinSeconds,
      long spinStates) {

    /** States explored per second. */
    public double statesPerSecond() {
      return states / Math.max(seconds, 1e-9);
    }

    /** States explored per second of CPU time. */
    public double statesPerCpuSecond() {
      return states / Math.max(cpuSeconds, 1e-9);
    }

    /** Our CPU time divided by SPIN's, or NaN when SPIN was not run. */
    public double ratioToSpin() {
      return spinSeconds > 0 ? cpuSeconds / spinSeconds : Double.NaN;
    }
  }

  private CheckBench() {}

  /** FSP text of {@code n} dining philosophers, right fork first (models/classic/diners.fsp). */
  public static String dinersSource(int n) {
    return "PHIL = (sitdown -> right.get -> left.get -> eat -> left.put -> right.put"
        + " -> arise -> PHIL).\n"
        + "FORK = (get -> put -> FORK).\n"
        + "||DINERS(N="
        + n
        + ") = forall [i:0..N-1] (phil[i]:PHIL ||"
        + " {phil[i].left, phil[((i-1)+N)%N].right}::FORK).\n";
  }

  /**
   * Measures the philosophers from {@code from} to {@code to}; when {@code pml} is non-null and
   * SPIN is installed, SPIN explores the same sizes (its compile time is not counted).
   */
  public static List<Row> diners(int from, int to, Path pml) throws IOException {
    warmUp();
    List<Row> rows = new ArrayList<>();
    for (int n = from; n <= to; n++) {
      Row ours = measure("diners N=" + n, FspModel.parse(dinersSource(n)), "DINERS");
      rows.add(withSpin(ours, pml, n));
    }
    return rows;
  }

  /**
   * Measures the key-delivery model (models/keys.fsp) scaled to {@code buyers} buyers: a platform
   * model whose state space grows about fivefold per buyer.
   */
  public static Row keys(Path keysFsp, int buyers) throws IOException {
    String text = Files.readString(keysFsp);
    String scaled = text.replaceFirst("const B = \\d+", "const B = " + buyers);
    if (scaled.equals(text) && !text.contains("const B = " + buyers)) {
      throw new IllegalArgumentException(keysFsp + " does not declare 'const B = ...'");
    }
    return measure("keys B=" + buyers, FspModel.parse(scaled), "KEYS");
  }

  /** Measures one process of a model. */
  public static Row measure(String label, FspModel model, String process) {
    List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    System.gc();
    pools.forEach(MemoryPoolMXBean::resetPeakUsage);
    long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    SafetyResult r = new Checker(model).checkSafety(process);
    cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
    long peak = 0;
    for (MemoryPoolMXBean p : pools) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    double s = r.elapsed().toNanos() / 1e9;
    return new Row(label, r.states(), r.transitions(), s, cpu / 1e9, peak, -1, -1);
  }

  private static Row withSpin(Row ours, Path pml, int n) throws IOException {
    if (pml == null || !SpinRunner.available()) {
      return ours;
    }
    Path dir = Files.createTempDirectory("msec-spin");
    try {
      // Size SPIN's hash table for the state count, as one would when running it by hand.
      int w = Math.min(30, 65 - Long.numberOfLeadingZeros(Math.max(2, ours.states())));
      long depth = Math.max(10_000, Math.min(200_000_000, 2 * ours.states()));
      SpinRunner.Result spin =
          SpinRunner.verify(pml, dir, List.of("N=" + n), "-E", "-w" + w, "-m" + depth);
      return new Row(
          ours.model(),
          ours.states(),
          ours.transitions(),
          ours.seconds(),
          ours.cpuSeconds(),
          ours.peakHeapBytes(),
          (spin.panCpuNanos() >= 0 ? spin.panCpuNanos() : spin.panNanos()) / 1e9,
          spin.states());
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static void warmUp() {
    for (int i = 0; i < 3; i++) {
      new Checker(FspModel.parse(dinersSource(7))).checkSafety("DINERS");
    }
  }

  /** Prints rows as a table. */
  public static void print(List<Row> rows, PrintStream out) {
    out.printf(
        "%-16s %11s %12s %8s %8s %11s %11s %8s %8s %7s%n",
        "model",
        "states",
        "transitions",
        "wall s",
        "cpu s",
        "states/s",
        "st/cpu-s",
        "heap MB",
        "spin cpu",
        "ratio");
    for (Row r : rows) {
      out.printf(
          "%-16s %11d %12d %8.3f %8.3f %11.0f %11.0f %8.1f %8s %7s%n",
          r.model(),
          r.states(),
          r.transitions(),
          r.seconds(),
          r.cpuSeconds(),
          r.statesPerSecond(),
          r.statesPerCpuSecond(),
          r.peakHeapBytes() / 1e6,
          r.spinSeconds() < 0 ? "-" : String.format("%.3f", r.spinSeconds()),
          r.spinSeconds() < 0 ? "-" : String.format("%.2f", r.ratioToSpin()));
    }
  }

  /** Runs the benchmark: {@code [from] [to] [path to diners.pml]}. */
  public static void main(String[] args) throws IOException {
    int from = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int to = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path pml = args.length > 2 ? Path.of(args[2]) : null;
    print(diners(from, to, pml), System.out);
  }
}
