package io.msec.node.bench;

import io.msec.core.ContentKey;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.Reading;
import io.msec.market.crypto.EncryptedReading;
import io.msec.market.crypto.Grant;
import io.msec.market.delivery.SignedReading;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * One licensee of the fan-out phase: reads its event stream on a thread of its own, unwraps each
 * grant, decrypts each reading and checks the device's signature, and only then records the time
 * since the reading's publish.
 */
final class MarketBenchLicensee implements AutoCloseable {
  /** What all licensees share: publish times by sequence number and the figures. */
  record Shared(
      Identity device,
      AtomicLongArray publishedNanos,
      Latencies latencies,
      AtomicLong delivered,
      AtomicLong rejected,
      AtomicLong grants,
      Set<Long> epochs) {}

  private final MarketBenchBuyers.Buyer buyer;
  private final Shared shared;
  private final Map<Long, ContentKey> keys = new HashMap<>();
  private final AtomicIntegerArray received;
  private final CountDownLatch firstGrant = new CountDownLatch(1);
  private final Stream<String> lines;
  private final Thread reader;
  private volatile boolean closing;

  MarketBenchLicensee(MarketBenchHttp http, MarketBenchBuyers.Buyer buyer, String order, Shared s) {
    this.buyer = buyer;
    this.shared = s;
    this.received = new AtomicIntegerArray(s.publishedNanos().length());
    this.lines = http.stream(buyer.id(), order);
    this.reader = MarketBench.daemons("licensee").newThread(this::read);
    this.reader.start();
  }

  /** Waits until the licensee holds the key of the current epoch. */
  boolean awaitGrant(long millis) throws InterruptedException {
    return firstGrant.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Whether reading {@code seq} arrived, decrypted and verified. */
  boolean received(long seq) {
    return received.get((int) seq) != 0;
  }

  private void read() {
    String[] event = {null};
    try {
      lines.forEach(
          line -> {
            if (line.startsWith("event:")) {
              event[0] = line.substring(6).trim();
            } else if (line.startsWith("data:") && event[0] != null) {
              handle(event[0], line.substring(5).trim());
              event[0] = null;
            }
          });
    } catch (RuntimeException e) {
      if (!closing) {
        shared.rejected().incrementAndGet();
      }
    }
  }

  private void handle(String event, String data) {
    try {
      if (event.equals("grant")) {
        Grant g = Grant.fromJson(Json.mapper().readTree(data));
        keys.put(g.epoch(), g.unwrap(buyer.key()));
        shared.grants().incrementAndGet();
        firstGrant.countDown();
      } else if (event.equals("reading")) {
        open(EncryptedReading.fromJson(Json.mapper().readTree(data)));
      }
    } catch (java.io.IOException | RuntimeException e) {
      shared.rejected().incrementAndGet();
    }
  }

  private void open(EncryptedReading er) throws java.io.IOException {
    ContentKey key = keys.get(er.epoch());
    if (key == null) {
      shared.rejected().incrementAndGet();
      return;
    }
    byte[] plain = er.open(key);
    Reading r = SignedReading.verify(Json.mapper().readTree(plain), shared.device().did());
    long at = System.nanoTime();
    int seq = (int) r.seq();
    if (r.seq() != er.seq() || seq < 1 || seq >= received.length()) {
      shared.rejected().incrementAndGet();
      return;
    }
    if (received.compareAndSet(seq, 0, 1)) {
      shared.latencies().add((at - shared.publishedNanos().get(seq)) / 1000);
      shared.delivered().incrementAndGet();
      shared.epochs().add(er.epoch());
    }
  }

  @Override
  public void close() {
    closing = true;
    lines.close();
    reader.interrupt();
  }
}
