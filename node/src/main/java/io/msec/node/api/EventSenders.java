package io.msec.node.api;

import io.javalin.http.sse.SseClient;
import io.msec.node.market.StreamDelivery;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open Server-Sent Events clients of one HTTP server. Each client has a bounded queue and a
 * sender thread of its own, so a slow client never holds back the others: when its queue is full it
 * misses events and is told how many by a {@code dropped} event. An idle stream gets a keep-alive
 * comment every 15 s, and a stream whose {@code ending} check gives a reason is told so by an
 * {@code end} event and closed.
 *
 * <p>{@link #close()} ends every stream while the server still runs, and from then on no sender
 * touches its client: closing a client after Jetty has recycled its request sends Javalin's error
 * handling into a loop that never ends.
 */
final class EventSenders implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventSenders.class);
  private static final int KEEP_ALIVE_SECONDS = 15;

  private final Set<Sender> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;
  private volatile boolean serverGoing;

  /**
   * Opens a sender for {@code client}, or closes the client at once if the server is stopping.
   *
   * @param ending checked once a second while the stream is idle; a non-null answer ends it
   */
  Sender open(SseClient client, String name, int capacity, Supplier<String> ending) {
    Sender s = new Sender(client, name, capacity, ending);
    open.add(s);
    if (closing) {
      s.stop();
    }
    return s;
  }

  /** Streams still open. */
  int size() {
    return open.size();
  }

  @Override
  public void close() {
    closing = true;
    for (Sender s : open) {
      s.stop();
    }
    for (Sender s : open) {
      s.join();
    }
    serverGoing = true;
  }

  /** One client's queue and sender thread. */
  final class Sender implements StreamDelivery.Sink {
    private record Event(String name, Supplier<String> data) {}

    private final SseClient client;
    private final BlockingQueue<Event> queue;
    private final AtomicInteger dropped = new AtomicInteger();
    private final Supplier<String> ending;
    private final Thread thread;
    private volatile boolean running = true;

    private Sender(SseClient client, String name, int capacity, Supplier<String> ending) {
      this.client = client;
      this.queue = new ArrayBlockingQueue<>(capacity);
      this.ending = ending;
      this.thread = new Thread(this::run, name);
      this.thread.setDaemon(true);
    }

    /** Starts sending; events queued before this go out first, in order. */
    void start() {
      if (running) {
        thread.start();
      } else {
        closeClient();
      }
    }

    @Override
    public boolean send(String event, String data) {
      return offer(event, () -> data);
    }

    /**
     * Queues an event whose data is made by the sender thread.
     *
     * @return false once the stream has ended
     */
    boolean offer(String event, Supplier<String> data) {
      if (!running || client.terminated()) {
        return false;
      }
      if (!queue.offer(new Event(event, data))) {
        dropped.incrementAndGet();
      }
      return true;
    }

    /**
     * Ends the stream and closes {@code subscription}, which feeds it, when the client goes: on a
     * failed write, an {@code end} event, or the server's stop.
     */
    void feedBy(AutoCloseable subscription) {
      client.onClose(
          () -> {
            stop();
            try {
              subscription.close();
            } catch (Exception e) {
              LOG.debug("closing a stream's subscription failed error={}", e.toString());
            }
          });
    }

    /** Ends the stream; the sender thread closes the client. */
    void stop() {
      running = false;
      thread.interrupt();
    }

    private void join() {
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void run() {
      long idle = 0;
      try {
        while (running && !client.terminated()) {
          Event e = queue.poll(1, TimeUnit.SECONDS);
          if (!running) {
            break;
          }
          if (e == null) {
            String reason = ending.get();
            if (reason != null) {
              client.sendEvent("end", reason);
              break;
            }
            if (++idle % KEEP_ALIVE_SECONDS == 0) {
              client.sendComment("keep-alive");
            }
            continue;
          }
          idle = 0;
          int missed = dropped.getAndSet(0);
          if (missed > 0) {
            client.sendEvent("dropped", Integer.toString(missed));
          }
          client.sendEvent(e.name(), e.data().get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.debug("event stream client gone thread={} error={}", thread.getName(), e.toString());
      } finally {
        running = false;
        closeClient();
      }
    }

    private void closeClient() {
      open.remove(this);
      if (serverGoing) {
        return;
      }
      try {
        client.close();
      } catch (RuntimeException e) {
        LOG.debug("closing event stream failed error={}", e.toString());
      }
    }
  }
}
