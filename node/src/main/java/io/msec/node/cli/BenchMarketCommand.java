package io.msec.node.cli;

import io.msec.market.Product;
import io.msec.node.bench.MarketBench;
import io.msec.node.bench.MarketBenchResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code msec bench market}: purchases per second end to end and the latency of one encrypted
 * stream fanned out to many licensees, on a fresh node over HTTP on loopback.
 */
@Command(
    name = "market",
    mixinStandardHelpOptions = true,
    description = {
      "Start a fresh node in a temporary directory and drive its marketplace over HTTP:",
      "buyers buy, take delivery (checked as a buyer checks it) and settle, C at a time;",
      "then licensees subscribe to one stream and time each reading from its publish to",
      "decrypted and verified. Reports a table, or JSON with --json."
    })
public final class BenchMarketCommand implements Callable<Integer> {
  @Option(
      names = "--buyers",
      defaultValue = "200",
      description = "Buyers, one purchase each; 0 skips (default: ${DEFAULT-VALUE}).")
  int buyers;

  @Option(
      names = "--concurrency",
      defaultValue = "16",
      description = "Buyers in parallel (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--kind",
      defaultValue = "stream",
      description = "What buyers buy: stream or history (default: ${DEFAULT-VALUE}).")
  String kind;

  @Option(
      names = "--history-readings",
      defaultValue = "20",
      description = "Readings in each history bundle (default: ${DEFAULT-VALUE}).")
  int historyReadings;

  @Option(
      names = "--licensees",
      defaultValue = "100",
      description = "Stream subscribers; 0 skips (default: ${DEFAULT-VALUE}).")
  int licensees;

  @Option(
      names = "--readings",
      defaultValue = "300",
      description = "Readings published to them (default: ${DEFAULT-VALUE}).")
  int readings;

  @Option(
      names = "--rate",
      defaultValue = "20",
      description = "Readings per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--epoch",
      defaultValue = "60",
      description = "Stream epoch in seconds on the node (default: ${DEFAULT-VALUE}).")
  int epoch;

  @Option(names = "--json", description = "Print the figures as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    MarketBench.Options options =
        new MarketBench.Options(
            buyers, concurrency, kind(kind), historyReadings, licensees, readings, rate, epoch);
    Path work = Files.createTempDirectory("msec-bench-market");
    MarketBenchResult result;
    try (ConsoleProgress progress = new ConsoleProgress()) {
      result = new MarketBench(options, work).run(progress);
    } finally {
      deleteTree(work);
    }
    if (json) {
      System.out.println(result.toJson());
    } else {
      print(result, System.out);
    }
    return result.supply().holds() ? 0 : 1;
  }

  private static Product.Kind kind(String text) {
    if (text.equals("stream") || text.equals("history")) {
      return Product.Kind.fromJson(text);
    }
    throw new IllegalArgumentException("--kind is stream or history, was " + text);
  }

  static void print(MarketBenchResult r, PrintStream out) {
    MarketBench.Options o = r.options();
    out.printf(
        Locale.ROOT,
        "machine: %d cores, load average %.2f at start, %.2f at end%n",
        r.cores(),
        r.loadBefore(),
        r.loadAfter());
    MarketBenchResult.Purchases p = r.purchases();
    if (p != null) {
      out.printf(
          Locale.ROOT,
          "%npurchases: %d buyers of a %s offer, %d in parallel%n",
          o.buyers(),
          o.kind().json(),
          o.concurrency());
      out.printf(
          Locale.ROOT,
          "  settled %d, failed %d in %.1f s: %.1f purchases/s%n",
          p.completed(),
          p.failed(),
          p.seconds(),
          p.perSecond());
      if (p.firstFailure() != null) {
        out.println("  first failure: " + p.firstFailure());
      }
      out.printf("  %-14s %9s %9s%n", "step", "p50 ms", "p99 ms");
      step(out, "buy commit", p.buy());
      step(out, "delivery", p.delivery());
      step(out, "settle commit", p.settle());
    }
    MarketBenchResult.FanOut f = r.fanOut();
    if (f != null) {
      out.printf(
          Locale.ROOT,
          "%nfan-out: %d licensees, %d readings at %.1f/s offered, %.1f/s published%n",
          o.licensees(),
          o.readings(),
          o.rate(),
          f.publishRate());
      out.printf(
          Locale.ROOT,
          "  publish to decrypted and verified: p50 %.1f ms  p95 %.1f ms  p99 %.1f ms"
              + "  max %.1f ms%n",
          f.p50Millis(),
          f.p95Millis(),
          f.p99Millis(),
          f.maxMillis());
      out.printf(
          Locale.ROOT,
          "  pairs delivered %d of %d, lost %d (readings missed by some licensee: %d),"
              + " rejected %d%n",
          f.delivered(),
          f.delivered() + f.lost(),
          f.lost(),
          f.missedReadings(),
          f.rejected());
      out.printf(
          Locale.ROOT,
          "  epoch rotations seen %d (epoch %d s), grants received %d%n",
          f.epochRotations(),
          o.epochSeconds(),
          f.grants());
    }
    MarketBenchResult.Supply s = r.supply();
    out.printf(
        Locale.ROOT,
        "%nsupply: balances %d + escrow held %d = %d, supply %d: %s%n",
        s.balances(),
        s.escrowHeld(),
        s.balances() + s.escrowHeld(),
        s.supply(),
        s.holds() ? "holds" : "BROKEN");
  }

  private static void step(PrintStream out, String name, MarketBenchResult.Step s) {
    out.printf(Locale.ROOT, "  %-14s %9.1f %9.1f%n", name, s.p50Millis(), s.p99Millis());
  }

  /** Removes the run's files; a leftover is reported, not fatal, since the figures stand. */
  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      System.err.println("msec: could not remove " + dir + ": " + e.getMessage());
    }
  }
}
