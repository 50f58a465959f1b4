package io.msec.node.api;

import io.javalin.http.sse.SseClient;
import io.msec.node.market.StreamDelivery;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One licensee's event stream: events are queued and sent by a thread of the licensee's own, so a
 * slow licensee never holds back the delivery to the others. When its queue is full it misses
 * events, and is told how many by a {@code dropped} event.
 */
final class LicenseeStream implements StreamDelivery.Sink {
  private static final Logger LOG = LoggerFactory.getLogger(LicenseeStream.class);
  private static final int QUEUE = 10_000;

  private record Event(String name, String data) {}

  private final SseClient client;
  private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicInteger dropped = new AtomicInteger();
  private final Thread sender;
  private volatile boolean running = true;

  LicenseeStream(SseClient client, String order) {
    this.client = client;
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
    try {
      while (running && !client.terminated()) {
        Event e = queue.poll(15, TimeUnit.SECONDS);
        if (e == null) {
          client.sendComment("keep-alive");
          continue;
        }
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
