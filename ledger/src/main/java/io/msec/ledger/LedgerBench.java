package io.msec.ledger;

import io.msec.core.Ed25519;
import io.msec.core.Identity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures committed transfers per second (signatures verified, fsync on) and commit latency, and
 * in the same run the raw Ed25519 verification rate of this machine, the ceiling for a ledger that
 * verifies every signature. Transfers are signed before the clock starts, so the figure is the
 * ledger's, not the clients'. The verification rate is measured before and after the ledger run and
 * the higher one is kept, so that the ratio is conservative on a machine whose load varies; the CPU
 * time per verification and per committed transfer give the same ratio free of other processes'
 * load. Used by {@code msec bench ledger}.
 */
public final class LedgerBench {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerBench.class);

  private LedgerBench() {}

  /**
   * The figures of one run.
   *
   * @param committedPerSecond transfers committed per second of the measured window
   * @param p50Millis median submit-to-receipt latency
   * @param p99Millis 99th percentile submit-to-receipt latency
   * @param verifyPerSecond raw Ed25519 verifications per second on {@code verifyThreads} threads
   * @param cpuMicrosPerCommit process CPU time per committed transfer, in microseconds
   * @param cpuMicrosPerVerify process CPU time per raw verification, in microseconds
   */
  public record Result(
      int accounts,
      double seconds,
      long committed,
      long blocks,
      double committedPerSecond,
      double p50Millis,
      double p99Millis,
      double verifyPerSecond,
      int verifyThreads,
      double cpuMicrosPerCommit,
      double cpuMicrosPerVerify) {
    /** Our rate as a fraction of the raw verification limit. */
    public double fractionOfVerifyLimit() {
      return committedPerSecond / verifyPerSecond;
    }

    /**
     * The same fraction in CPU time, which other processes on a shared machine do not distort: the
     * CPU cost of one raw verification over the CPU cost of one committed transfer.
     */
    public double cpuFractionOfVerifyLimit() {
      return cpuMicrosPerVerify / cpuMicrosPerCommit;
    }
  }

  /**
   * Runs the benchmark in {@code dir} (which should be empty), keeping at most {@code window}
   * transactions in flight; latency grows with the window, throughput until blocks are full.
   */
  public static Result run(
      Path dir,
      int accounts,
      Duration duration,
      int window,
      LedgerConfig config,
      Consumer<String> progress) {
    int threads = config.verifyThreads();
    progress.accept("measuring raw Ed25519 verifications on " + threads + " threads");
    verifyRate(threads, Duration.ofSeconds(1));
    long cpu0 = processCpuNanos();
    double verifyBefore = verifyRate(threads, Duration.ofSeconds(3));
    double cpuPerVerifyBefore = (processCpuNanos() - cpu0) / 1e3 / (verifyBefore * 3);

    Identity sequencer = Identity.generate();
    Identity treasury = Identity.generate();
    List<Identity> ids = IntStream.range(0, accounts).mapToObj(i -> Identity.generate()).toList();
    long toSign =
        (long) Math.min(3_000_000, Math.max(1000, verifyBefore * duration.toSeconds() * 3));
    progress.accept("signing " + toSign + " transfers between " + accounts + " accounts");
    List<Transaction> transfers = presign(ids, toSign, threads);

    try (Ledger ledger = Ledger.open(dir, sequencer, treasury.did(), Clock.systemUTC(), config)) {
      TransactionBuilder t = TransactionBuilder.forAccount(treasury, 1);
      List<java.util.concurrent.CompletableFuture<Receipt>> mints = new ArrayList<>();
      ids.forEach(id -> mints.add(ledger.submit(t.next(new Mint(id.did(), 1_000_000_000L)))));
      mints.forEach(java.util.concurrent.CompletableFuture::join);
      long startHeight = ledger.height();

      progress.accept("submitting for " + duration.toSeconds() + " s");
      long[] latencies = new long[transfers.size()];
      AtomicLong done = new AtomicLong();
      Semaphore inFlight = new Semaphore(window);
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      int submitted = 0;
      while (submitted < transfers.size() && System.nanoTime() < end) {
        inFlight.acquireUninterruptibly();
        int i = submitted++;
        long sent = System.nanoTime();
        ledger
            .submit(transfers.get(i))
            .whenComplete(
                (r, e) -> {
                  long now = System.nanoTime();
                  if (r != null && now <= end) {
                    latencies[i] = now - sent;
                    done.incrementAndGet();
                  }
                  inFlight.release();
                });
      }
      inFlight.acquireUninterruptibly(window);
      double cpuPerCommit = (processCpuNanos() - cpuStart) / 1e3 / Math.max(1, done.get());
      double seconds = (Math.min(System.nanoTime(), end) - start) / 1e9;
      long blocks = ledger.height() - startHeight;
      progress.accept("measuring raw Ed25519 verifications again");
      long cpu1 = processCpuNanos();
      double verifyAfter = verifyRate(threads, Duration.ofSeconds(3));
      double cpuPerVerify =
          Math.min(cpuPerVerifyBefore, (processCpuNanos() - cpu1) / 1e3 / (verifyAfter * 3));
      double verifyRate = Math.max(verifyBefore, verifyAfter);
      long[] measured = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
      Result result =
          new Result(
              accounts,
              seconds,
              done.get(),
              blocks,
              done.get() / seconds,
              percentile(measured, 0.50),
              percentile(measured, 0.99),
              verifyRate,
              threads,
              cpuPerCommit,
              cpuPerVerify);
      LOG.info(
          "bench accounts={} committed={} perSecond={} p50ms={} p99ms={} verifyPerSecond={}",
          accounts,
          result.committed(),
          Math.round(result.committedPerSecond()),
          result.p50Millis(),
          result.p99Millis(),
          Math.round(verifyRate));
      return result;
    }
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
  }

  private static List<Transaction> presign(List<Identity> ids, long count, int threads) {
    int n = ids.size();
    Transaction[] out = new Transaction[(int) count];
    IntStream.range(0, threads)
        .parallel()
        .forEach(
            t -> {
              for (int i = t; i < count; i += threads) {
                int from = i % n;
                long nonce = i / n + 1;
                Identity to = ids.get((from + 1) % n);
                out[i] = TransactionBuilder.sign(ids.get(from), nonce, new Transfer(to.did(), 1));
              }
            });
    return Arrays.asList(out);
  }

  /** Ed25519 verifications per second of a transfer-sized message, on {@code threads} threads. */
  public static double verifyRate(int threads, Duration duration) {
    Identity id = Identity.generate();
    byte[] message = new byte[260];
    byte[] sig = id.sign(message);
    byte[] pub = id.did().publicKey();
    AtomicLong count = new AtomicLong();
    CountDownLatch finished = new CountDownLatch(threads);
    long end = System.nanoTime() + duration.toNanos();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                long n = 0;
                while (System.nanoTime() < end) {
                  if (!Ed25519.verify(pub, message, sig)) {
                    throw new IllegalStateException("a valid signature failed to verify");
                  }
                  n++;
                }
                count.addAndGet(n);
                finished.countDown();
              },
              "bench-verify-" + t);
      worker.start();
    }
    try {
      finished.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return count.get() / (duration.toNanos() / 1e9);
  }
}
