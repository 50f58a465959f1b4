package io.msec.node.market;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.ledger.Device;
import io.msec.ledger.Ledger;
import io.msec.market.License;
import io.msec.market.crypto.EncryptedReading;
import io.msec.market.crypto.Grant;
import io.msec.twin.StoredReading;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers stream readings to licensees as they are stored. For an unsealed device the node
 * encrypts the reading's signed form with the device's current epoch key ({@link StreamKeys}); for
 * a sealed device it forwards the signed envelope as is, since it holds no key. Each subscriber is
 * a {@link Sink}; grants are pushed to the licensee they were issued for. Work runs on one thread
 * of its own, so ingestion never waits for delivery.
 */
public final class StreamDelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamDelivery.class);
  private static final int QUEUE = 100_000;

  /** Where events for one subscriber go; returns false once the subscriber is gone. */
  public interface Sink {
    boolean send(String event, String data);
  }

  private final Ledger ledger;
  private final Licenses licenses;
  private final StreamKeys keys;
  private final SignedForms forms;
  private final Clock clock;
  private final ConcurrentHashMap<String, Set<Sink>> sinks = new ConcurrentHashMap<>();
  private final BlockingQueue<StoredReading> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread worker;
  private volatile boolean running = true;

  StreamDelivery(
      Ledger ledger, Licenses licenses, DeliveryLog log, SignedForms forms, long epochMs, Clock c) {
    this.ledger = ledger;
    this.licenses = licenses;
    this.forms = forms;
    this.clock = c;
    this.keys = new StreamKeys(log, epochMs, this::push);
    this.worker = new Thread(this::run, "msec-market-delivery");
    this.worker.setDaemon(true);
    this.worker.start();
  }

  /** Called for every stored reading; cheap when its device has no stream license. */
  public void stored(StoredReading r) {
    if (!licenses.anyStream(r.reading().device())) {
      return;
    }
    if (!queue.offer(r)) {
      long n = dropped.incrementAndGet();
      if (n == 1 || n % 10_000 == 0) {
        LOG.warn("stream delivery queue full dropped={}", n);
      }
    }
  }

  /**
   * Makes sure {@code license}'s licensee holds the key of its device's current epoch (for an
   * unsealed device), so a subscriber can decrypt from its first reading.
   */
  void ensureGrant(License license) {
    long now = clock.millis();
    for (DidKey device : license.product().devices()) {
      if (!isSealed(device)) {
        keys.current(device, licenses.validStreams(device, now), now);
      }
    }
  }

  /** Adds {@code sink} to the subscribers of {@code order}; returns a handle that removes it. */
  AutoCloseable subscribe(String order, Sink sink) {
    sinks.computeIfAbsent(order, k -> ConcurrentHashMap.newKeySet()).add(sink);
    return () -> unsubscribe(order, sink);
  }

  private void unsubscribe(String order, Sink sink) {
    sinks.computeIfPresent(
        order,
        (k, set) -> {
          set.remove(sink);
          return set.isEmpty() ? null : set;
        });
  }

  /** Pushes a grant to the subscribers of its order. */
  void push(Grant grant) {
    send(grant.order(), "grant", grant.toJson().toString());
  }

  private void send(String order, String event, String data) {
    Set<Sink> set = sinks.get(order);
    if (set == null) {
      return;
    }
    for (Sink s : set) {
      if (!s.send(event, data)) {
        unsubscribe(order, s);
      }
    }
  }

  private void run() {
    while (running) {
      StoredReading r;
      try {
        r = queue.poll(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (r != null) {
        try {
          deliver(r);
        } catch (RuntimeException e) {
          if (!running || Thread.currentThread().isInterrupted()) {
            // Stopping: the store closes under the delivery; nothing is wrong.
            LOG.debug(
                "stream delivery stopped device={} error={}", r.reading().device(), e.toString());
            return;
          }
          LOG.error(
              "stream delivery failed device={} seq={}",
              r.reading().device(),
              r.reading().seq(),
              e);
        }
      }
    }
  }

  private void deliver(StoredReading r) {
    DidKey device = r.reading().device();
    long now = clock.millis();
    List<License> valid = licenses.validStreams(device, now);
    if (valid.isEmpty()) {
      return;
    }
    Device d = ledger.device(device).orElse(null);
    if (d == null) {
      return;
    }
    ObjectNode form = forms.of(r, d.key());

    if (r.reading().isSealed()) {
      String data = form.toString();
      valid.forEach(l -> send(l.order(), "sealed-reading", data));
      return;
    }
    StreamKeys.Current epoch = keys.current(device, valid, now);
    EncryptedReading er =
        EncryptedReading.seal(
            epoch.key(), epoch.number(), device, r.reading().seq(), CanonicalJson.bytes(form));
    String data = er.toJson().toString();
    valid.forEach(l -> send(l.order(), "reading", data));
  }

  private boolean isSealed(DidKey device) {
    return forms.lastSealed(device);
  }

  @Override
  public void close() {
    running = false;
    worker.interrupt();
    try {
      worker.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
