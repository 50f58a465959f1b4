package io.msec.node.api;

import io.javalin.http.sse.SseClient;
import io.msec.node.market.StreamDelivery;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One licensee's event stream: events are queued and sent by a thread of the licensee's own, so a
 * slow licensee never holds back the delivery to the others. When its queue is full it misses
 * events, and is told how many by a {@code dropped} event. When the license ends (revoked, refunded
 * or expired) the stream says so with an {@code end} event and closes.
 */
final class LicenseeStream implements StreamDelivery.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(LicenseeStream.class);
  private static final int QUEUE = 10_000;

  private record Event(String name, String data) {}

  private final SseClient client;
  private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicInteger dropped = new AtomicInteger();
  private final Thread sender;
  private final BooleanSupplier licensed;
  private volatile boolean running = true;

  LicenseeStream(SseClient client, String order, BooleanSupplier licensed) {
    this.client = client;
    this.licensed = licensed;
    this.sender = new Thread(this::send, "msec-licensee-" + order.substring(0, 8));
    this.sender.setDaemon(true);
  }

  void start() {
    sender.start();
  }

  @Override
  public boolean send(String event, String data) {
    if (!running || client.terminated()) {
      return false;
    }
    if (!queue.offer(new Event(event, data))) {
      dropped.incrementAndGet();
    }
    return true;
  }

  void stop() {
    running = false;
    sender.interrupt();
  }

  private void send() {
    long idle = 0;
    try {
      while (running && !client.terminated()) {
        Event e = queue.poll(1, TimeUnit.SECONDS);
        if (e == null) {
          if (!licensed.getAsBoolean()) {
            client.sendEvent("end", "the license is no longer valid");
            client.close();
            break;
          }
          if (++idle % 15 == 0) {
            client.sendComment("keep-alive");
          }
          continue;
        }
        idle = 0;
        int missed = dropped.getAndSet(0);
        if (missed > 0) {
          client.sendEvent("dropped", Integer.toString(missed));
        }
        client.sendEvent(e.name(), e.data());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debug("licensee stream gone error={}", e.toString());
    } finally {
      running = false;
    }
  }
}
