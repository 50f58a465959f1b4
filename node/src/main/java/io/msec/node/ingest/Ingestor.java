package io.msec.node.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.msec.bus.Channels;
import io.msec.core.DidKey;
import io.msec.node.registry.DeviceRegistry;
import io.msec.twin.ReadingStore;
import io.msec.twin.StoredReading;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingestion of signed readings. Stateless checks (form, device, signature) run on the caller's
 * thread so that signature work spreads over all cores; the stateful checks (sequence, skew,
 * schema, range) and the durable write run on one writer thread that groups the readings of many
 * callers into one transaction. A caller's future completes only after its readings are durably
 * stored, which is when the MQTT PUBACK or the HTTP 202 may go out. A sealed reading, whose
 * properties the node cannot read, passes every check but schema and range, and is stored with its
 * signed bytes as received.
 *
 * <pre>{@code
 * IngestReport report = ingestor.submit(envelopeBytes, null).join();
 * }</pre>
 */
public final class Ingestor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

  private final DeviceRegistry registry;
  private final ReadingStore store;
  private final Clock clock;
  private final IngestConfig config;
  private final Channels<StoredReading> live;
  private final RejectCounters rejects;
  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>(100_000);
  private final GroupWriter writer;
  private final Thread thread;
  private final Timer storeTimer;
  private volatile boolean running = true;

  /** A verified submission waiting for the writer. */
  record Job(Submission.Verified verified, CompletableFuture<IngestReport> done) {}

  public Ingestor(
      DeviceRegistry registry,
      ReadingStore store,
      Clock clock,
      IngestConfig config,
      Channels<StoredReading> live,
      RejectCounters rejects,
      MeterRegistry metrics) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
    this.config = config;
    this.live = live;
    this.rejects = rejects;
    this.storeTimer = Timer.builder("msec.ingest.store").register(metrics);
    this.writer = new GroupWriter(store, clock, config, rejects, metrics);
    this.thread = new Thread(this::writeLoop, "msec-ingest-writer");
    this.thread.start();
  }

  /**
   * Submits one payload (an envelope or a batch envelope).
   *
   * @param payload the JSON bytes as received
   * @param authenticated the device the MQTT connection proved, or null over HTTP
   */
  public CompletableFuture<IngestReport> submit(byte[] payload, DidKey authenticated) {
    Submission.Verified verified;
    try {
      verified = Submission.verify(payload, authenticated, registry, config, clock.instant());
    } catch (Submission.Refused r) {
      // Only a registered device's own counters grow, so that unsigned junk naming random
      // identifiers cannot grow the table without bound.
      boolean registered = r.device != null && isRegistered(r.device);
      rejects.count(registered ? r.device : null, r.code);
      return CompletableFuture.completedFuture(IngestReport.refusedWhole(r.code, r.getMessage()));
    }
    CompletableFuture<IngestReport> done = new CompletableFuture<>();
    if (!running) {
      done.completeExceptionally(new IllegalStateException("ingestion is stopped"));
      return done;
    }
    try {
      queue.put(new Job(verified, done));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done.completeExceptionally(e);
    }
    return done;
  }

  private boolean isRegistered(String device) {
    try {
      return registry.find(DidKey.parse(device)).isPresent();
    } catch (io.msec.core.MsecException e) {
      return false;
    }
  }

  /** Counts a refusal the broker made on its own (foreign topic, oversized payload). */
  public void countRefusal(String device, String code) {
    rejects.count(device, code);
  }

  public RejectCounters rejects() {
    return rejects;
  }

  private void writeLoop() {
    List<Job> group = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Job first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        int readings = first.verified().readings().size();
        while (readings < config.maxGroup()) {
          Job next = queue.poll();
          if (next == null) {
            break;
          }
          group.add(next);
          readings += next.verified().readings().size();
        }
        storeTimer.record(() -> writeGroup(group));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        LOG.error("ingest group failed jobs={}", group.size(), e);
        group.forEach(j -> j.done().completeExceptionally(e));
      } finally {
        group.clear();
      }
    }
  }

  private void writeGroup(List<Job> group) {
    GroupWriter.Result result = writer.write(group);
    for (int i = 0; i < group.size(); i++) {
      group.get(i).done().complete(result.reports().get(i));
    }
    for (StoredReading r : result.stored()) {
      live.publish(r.reading().device().toString(), r);
      live.publish(LIVE_ALL, r);
    }
  }

  /** The live topic that carries every accepted reading. */
  public static final String LIVE_ALL = "*";

  /** Outcome counts of the store, for tests and the summary. */
  public long storedCount() {
    return store.count();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("ingestion stopped readings={}", store.count());
  }
}
