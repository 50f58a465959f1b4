package io.msec.node.api;

import io.javalin.http.sse.SseClient;
import io.msec.bus.Channels;
import io.msec.core.Json;
import io.msec.node.ingest.Ingestor;
import io.msec.twin.StoredReading;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-Sent Events of accepted readings. Each client gets a bounded queue and its own sender
 * thread, so a slow client never slows ingestion: when its queue is full, it misses readings (and
 * is told so by a {@code dropped} event) rather than holding the writer. A sender stops at the
 * first failed write, and {@link #close()} stops them all before the HTTP server goes away.
 */
final class LiveStreams implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);
  private static final int QUEUE = 2_000;

  private final Channels<StoredReading> live;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  LiveStreams(Channels<StoredReading> live) {
    this.live = live;
  }

  void all(SseClient client) {
    stream(client, Ingestor.LIVE_ALL);
  }

  void device(SseClient client) {
    stream(client, Params.did("device", client.ctx().pathParam("did")).toString());
  }

  private void stream(SseClient client, String topic) {
    if (closed) {
      client.close();
      return;
    }
    Subscriber s = new Subscriber(client, topic);
    subscribers.add(s);
    client.keepAlive();
    client.onClose(s::stop);
    // Sends the headers at once, so a client knows it is subscribed before the first reading.
    client.sendComment("subscribed " + topic);
    s.start();
  }

  @Override
  public void close() {
    closed = true;
    for (Subscriber s : subscribers) {
      s.stop();
      s.join();
    }
  }

  /** One client: its subscription, queue and sender thread. */
  private final class Subscriber {
    private final SseClient client;
    private final BlockingQueue<StoredReading> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicInteger dropped = new AtomicInteger();
    private final AutoCloseable subscription;
    private final Thread sender;
    private volatile boolean running = true;

    Subscriber(SseClient client, String topic) {
      this.client = client;
      this.subscription =
          live.subscribe(
              topic,
              r -> {
                if (!queue.offer(r)) {
                  dropped.incrementAndGet();
                }
              });
      this.sender =
          new Thread(this::send, "msec-sse-" + Integer.toHexString(System.identityHashCode(this)));
      this.sender.setDaemon(true);
    }

    void start() {
      sender.start();
    }

    void stop() {
      if (!running) {
        return;
      }
      running = false;
      subscribers.remove(this);
      try {
        subscription.close();
      } catch (Exception e) {
        LOG.debug("closing sse subscription failed", e);
      }
      sender.interrupt();
    }

    void join() {
      try {
        sender.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void send() {
      try {
        while (running && !client.terminated()) {
          StoredReading r = queue.poll(15, TimeUnit.SECONDS);
          if (!running || client.terminated()) {
            break;
          }
          if (r == null) {
            client.sendComment("keep-alive");
            continue;
          }
          int missed = dropped.getAndSet(0);
          if (missed > 0) {
            client.sendEvent("dropped", Integer.toString(missed));
          }
          client.sendEvent("reading", Json.mapper().writeValueAsString(r.reading().toJson()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.debug("sse client gone error={}", e.toString());
      } finally {
        stop();
        try {
          client.close();
        } catch (RuntimeException e) {
          LOG.debug("closing sse client failed error={}", e.toString());
        }
      }
    }
  }
}
