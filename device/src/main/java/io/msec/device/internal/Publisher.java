package io.msec.device.internal;

import io.msec.core.Identity;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.device.DeviceClient;
import io.msec.device.PublishResult;
import io.msec.device.replay.Dataset.DeviceSeries;
import io.msec.device.replay.ReplayOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing half of a replay: merges the devices' remaining readings in dataset time order,
 * paces them, signs and publishes them through one {@link DeviceClient} per device, and counts the
 * node's answers. At most {@link #WINDOW} readings wait for an answer at a time, so a node that is
 * down holds the replay back instead of filling memory.
 */
public final class Publisher {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  /** Readings published and not yet answered, at most. */
  static final int WINDOW = 20_000;

  /**
   * One device of the replay.
   *
   * @param series its observations
   * @param identity its key
   * @param lastSeq the last sequence number the node stored
   */
  public record Stream(DeviceSeries series, Identity identity, long lastSeq) {}

  /** What the node answered. */
  public record Outcome(
      long sent,
      long acknowledged,
      Map<String, Long> refused,
      long unanswered,
      long resends,
      Duration elapsed) {}

  private final URI mqtt;
  private final List<Stream> streams;
  private final ReplayOptions options;
  private final Semaphore window = new Semaphore(WINDOW);
  private final AtomicLong acknowledged = new AtomicLong();
  private final Map<String, Long> refused = new TreeMap<>();
  private long sent;

  public Publisher(URI mqtt, List<Stream> streams, ReplayOptions options) {
    this.mqtt = mqtt;
    this.streams = streams;
    this.options = options;
  }

  /** Publishes everything and waits for the answers. */
  public Outcome run() {
    long start = System.nanoTime();
    List<Cursor> cursors = new ArrayList<>();
    long total = 0;
    for (Stream s : streams) {
      long remaining = s.series().observations().size() - s.lastSeq();
      if (remaining > 0) {
        cursors.add(new Cursor(s));
        total += remaining;
      }
    }
    if (options.limit() > 0) {
      total = Math.min(total, options.limit());
    }

    List<DeviceClient> clients = new ArrayList<>();
    try (ProgressBar bar = progressBar(total)) {
      for (Cursor c : cursors) {
        c.client = DeviceClient.connect(mqtt, c.stream.identity(), options.device());
        clients.add(c.client);
      }
      publishAll(cursors, total, bar);
      awaitAnswers(clients);
      long resends = clients.stream().mapToLong(DeviceClient::resends).sum();
      synchronized (refused) {
        long refusedCount = refused.values().stream().mapToLong(Long::longValue).sum();
        return new Outcome(
            sent,
            acknowledged.get(),
            refused,
            sent - acknowledged.get() - refusedCount,
            resends,
            Duration.ofNanos(System.nanoTime() - start));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MsecException("interrupted", "replay interrupted after " + sent + " readings");
    } finally {
      clients.forEach(DeviceClient::close);
    }
  }

  private void publishAll(List<Cursor> cursors, long total, ProgressBar bar)
      throws InterruptedException {
    Pacer pacer = Pacer.system(options.speed());
    PriorityQueue<Cursor> queue =
        new PriorityQueue<>(
            Comparator.comparing(Cursor::nextTime).thenComparing(c -> c.stream.series().id()));
    queue.addAll(cursors);
    long taken = 0;
    while (!queue.isEmpty() && taken < total) {
      Cursor c = queue.poll();
      Reading reading = c.stream.series().reading(c.stream.identity().did(), c.next);
      pacer.awaitDue(reading.observedAt());
      c.buffer.add(reading);
      taken++;
      if (c.buffer.size() >= options.batch()) {
        publish(c, bar);
      }
      c.next++;
      if (c.next <= c.stream.series().observations().size()) {
        queue.add(c);
      }
    }
    for (Cursor c : cursors) {
      if (!c.buffer.isEmpty()) {
        publish(c, bar);
      }
    }
  }

  private void publish(Cursor c, ProgressBar bar) throws InterruptedException {
    List<Reading> readings = List.copyOf(c.buffer);
    c.buffer.clear();
    window.acquire(readings.size());
    CompletableFuture<PublishResult> answer =
        readings.size() == 1 ? c.client.publish(readings.get(0)) : c.client.publishBatch(readings);
    sent += readings.size();
    answer.whenComplete(
        (result, error) -> {
          window.release(readings.size());
          if (result == null) {
            return;
          }
          // Limitation: the node answers one code per batch, so one implausible value refuses
          // the whole batch.
          if (result.accepted()) {
            acknowledged.addAndGet(readings.size());
          } else {
            synchronized (refused) {
              refused.merge(result.code(), (long) readings.size(), Long::sum);
            }
          }
          if (bar != null) {
            bar.stepBy(readings.size());
          }
        });
  }

  private void awaitAnswers(List<DeviceClient> clients) {
    long deadline = System.nanoTime() + options.ackTimeout().toNanos();
    for (DeviceClient client : clients) {
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (!client.flush(left)) {
        LOG.warn(
            "no answer before timeout device={} pending={} timeout={}",
            client.did(),
            client.pending(),
            options.ackTimeout());
      }
    }
  }

  private ProgressBar progressBar(long total) {
    if (options.quiet()) {
      return null;
    }
    return new ProgressBarBuilder()
        .setTaskName("replay")
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .showSpeed()
        .setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
  }

  /** Where a device's replay stands. */
  private static final class Cursor {
    final Stream stream;
    final List<Reading> buffer = new ArrayList<>();
    long next;
    DeviceClient client;

    Cursor(Stream stream) {
      this.stream = stream;
      this.next = stream.lastSeq() + 1;
    }

    java.time.Instant nextTime() {
      return stream.series().observations().get((int) (next - 1)).time();
    }
  }
}
