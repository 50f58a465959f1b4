package io.msec.node.cli;

import io.msec.ledger.LedgerBench;
import io.msec.ledger.LedgerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code msec bench ledger}: committed transfers per second (signatures verified, fsync on), commit
 * latency, and the raw Ed25519 verification rate of this machine as the ceiling.
 */
@Command(
    name = "ledger",
    mixinStandardHelpOptions = true,
    description = "Measure committed ledger transfers per second against the Ed25519 limit.")
public final class BenchLedgerCommand implements Callable<Integer> {
  @Option(names = "--accounts", defaultValue = "1000", description = "Accounts (default 1000).")
  int accounts;

  @Option(names = "--seconds", defaultValue = "10", description = "Measured seconds (default 10).")
  long seconds;

  @Option(names = "--window", defaultValue = "1000", description = "Transactions in flight.")
  int window;

  @Option(names = "--block-ms", defaultValue = "50", description = "Block interval in ms.")
  long blockMillis;

  @Option(names = "--block-txs", defaultValue = "500", description = "Most transactions a block.")
  int blockTxs;

  @Option(names = "--threads", defaultValue = "2", description = "Verification threads.")
  int threads;

  @Option(names = "--data-dir", description = "Where to write (default: a new temporary dir).")
  Path dataDir;

  private static void deleteTree(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Override
  public Integer call() throws IOException {
    Path dir = dataDir != null ? dataDir : Files.createTempDirectory("msec-bench-ledger");
    LedgerBench.Result r =
        LedgerBench.run(
            dir,
            accounts,
            Duration.ofSeconds(seconds),
            window,
            new LedgerConfig(blockMillis, blockTxs, threads),
            line -> System.err.println("bench: " + line));
    System.out.printf(
        "committed transfers/s: %.0f (%d in %.1f s, %d blocks, signatures verified, fsync per"
            + " block)%n",
        r.committedPerSecond(), r.committed(), r.seconds(), r.blocks());
    System.out.printf("commit latency: p50 %.1f ms, p99 %.1f ms%n", r.p50Millis(), r.p99Millis());
    System.out.printf(
        "raw Ed25519 verifications/s on %d threads: %.0f%n",
        r.verifyThreads(), r.verifyPerSecond());
    System.out.printf(
        "ledger rate: %.2f of the verification limit (target: at least 0.50)%n",
        r.fractionOfVerifyLimit());
    System.out.printf(
        "CPU per committed transfer: %.0f us, per raw verification: %.0f us (ratio %.2f)%n",
        r.cpuMicrosPerCommit(), r.cpuMicrosPerVerify(), r.cpuFractionOfVerifyLimit());
    if (dataDir == null) {
      deleteTree(dir);
    }
    return 0;
  }
}
