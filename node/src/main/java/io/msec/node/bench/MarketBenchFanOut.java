package io.msec.node.bench;

import io.msec.core.Identity;
import io.msec.core.MsecException;
import io.msec.market.Buy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The fan-out phase of the market benchmark: licensees buy one stream and subscribe, then its
 * device publishes readings over HTTP at a fixed rate, one at a time as a device does, and every
 * licensee times each reading from just before its publish to holding it decrypted and verified.
 */
final class MarketBenchFanOut {
  /** How long delivery may stand still after the last publish before the rest counts as lost. */
  private static final long QUIET_NANOS = 5_000_000_000L;

  private final MarketBenchHttp http;
  private final Identity device;

  MarketBenchFanOut(MarketBenchHttp http, Identity device) {
    this.http = http;
    this.device = device;
  }

  MarketBenchResult.FanOut run(
      String offer,
      long price,
      List<MarketBenchBuyers.Buyer> licensees,
      int concurrency,
      int readings,
      double rate,
      IngestBench.Progress progress)
      throws Exception {
    List<String> orders = license(offer, price, licensees, concurrency, progress);
    MarketBenchLicensee.Shared shared =
        new MarketBenchLicensee.Shared(
            device,
            new AtomicLongArray(readings + 1),
            new Latencies(),
            new AtomicLong(),
            new AtomicLong(),
            new AtomicLong(),
            ConcurrentHashMap.newKeySet());
    List<MarketBenchLicensee> subscribed = new ArrayList<>();
    try {
      progress.phase("subscribing", licensees.size());
      for (int i = 0; i < licensees.size(); i++) {
        MarketBenchLicensee l =
            new MarketBenchLicensee(http, licensees.get(i), orders.get(i), shared);
        subscribed.add(l);
        if (!l.awaitGrant(30_000)) {
          throw new MsecException("bench-no-grant", "licensee " + i + " got no grant in 30 s");
        }
        progress.step(i + 1);
      }
      long[] publishWindow = publish(shared.publishedNanos(), readings, rate, progress);
      drain(shared.delivered(), (long) licensees.size() * readings, progress);
      long missed = 0;
      for (int seq = 1; seq <= readings; seq++) {
        for (MarketBenchLicensee l : subscribed) {
          if (!l.received(seq)) {
            missed++;
            break;
          }
        }
      }
      Latencies lat = shared.latencies();
      long delivered = shared.delivered().get();
      return new MarketBenchResult.FanOut(
          readings,
          (publishWindow[1] - publishWindow[0]) / 1e9,
          delivered,
          (long) licensees.size() * readings - delivered,
          missed,
          shared.rejected().get(),
          Math.max(0, shared.epochs().size() - 1),
          shared.grants().get(),
          lat.percentileMillis(50),
          lat.percentileMillis(95),
          lat.percentileMillis(99),
          lat.percentileMillis(100));
    } finally {
      subscribed.forEach(MarketBenchLicensee::close);
    }
  }

  /** Every licensee buys the stream; their order ids, in the licensees' order. */
  private List<String> license(
      String offer,
      long price,
      List<MarketBenchBuyers.Buyer> licensees,
      int concurrency,
      IngestBench.Progress progress)
      throws Exception {
    progress.phase("licensing", licensees.size());
    AtomicLong done = new AtomicLong();
    List<Callable<String>> work = new ArrayList<>();
    for (MarketBenchBuyers.Buyer b : licensees) {
      work.add(
          () -> {
            String order =
                http.submit(
                    b.transactions()
                        .next(
                            new Buy(
                                offer, MarketBenchHttp.PURPOSE, null, b.key().publicKey(), price)));
            progress.step(done.incrementAndGet());
            return order;
          });
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(concurrency, MarketBench.daemons("licensing"));
    try {
      List<String> orders = new ArrayList<>();
      for (Future<String> f : pool.invokeAll(work)) {
        orders.add(MarketBench.result(f));
      }
      return orders;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Publishes readings 1..n at {@code rate} per second, each one after the previous was stored;
   * returns the nano times at which the first and the last publish started.
   */
  private long[] publish(AtomicLongArray sentNanos, int n, double rate, IngestBench.Progress p) {
    p.phase("publishing", n);
    // Limitation: one request at a time, each waiting until the reading is stored, as one device
    // publishes; a slow store lowers the rate reached below the rate asked for.
    long start = System.nanoTime();
    long interval = (long) (1e9 / rate);
    for (int seq = 1; seq <= n; seq++) {
      long due = start + (seq - 1) * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      Instant at = Instant.now();
      sentNanos.set(seq, System.nanoTime());
      http.publish(device, seq, at, 400 + seq % 600);
      p.step(seq);
    }
    return new long[] {sentNanos.get(1), sentNanos.get(n)};
  }

  /** Waits until every pair arrived, or delivery stood still for {@link #QUIET_NANOS}. */
  private static void drain(AtomicLong delivered, long expected, IngestBench.Progress progress)
      throws InterruptedException {
    progress.phase("receiving", expected);
    long last = -1;
    long quietSince = System.nanoTime();
    while (delivered.get() < expected) {
      long now = delivered.get();
      progress.step(now);
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > QUIET_NANOS) {
        return;
      }
      Thread.sleep(50);
    }
    progress.step(expected);
  }
}
