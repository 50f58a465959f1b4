package io.msec.node.api;

import io.javalin.http.sse.SseClient;
import io.msec.bus.Channels;
import io.msec.core.Json;
import io.msec.node.ingest.Ingestor;
import io.msec.twin.StoredReading;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-Sent Events of accepted readings. Each client gets a bounded queue and its own sender
 * thread, so a slow client never slows ingestion: when its queue is full, it misses readings (and
 * is told so by a {@code dropped} event) rather than holding the writer.
 */
final class LiveStreams {
  private static final Logger LOG = LoggerFactory.getLogger(LiveStreams.class);
  private static final int QUEUE = 2_000;

  private final Channels<StoredReading> live;

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
    BlockingQueue<StoredReading> queue = new ArrayBlockingQueue<>(QUEUE);
    int[] dropped = {0};
    AutoCloseable subscription =
        live.subscribe(
            topic,
            r -> {
              if (!queue.offer(r)) {
                dropped[0]++;
              }
            });
    client.keepAlive();
    // Sends the headers at once, so a client knows it is subscribed before the first reading.
    client.sendComment("subscribed " + topic);
    Thread sender =
        new Thread(
            () -> send(client, queue, dropped),
            "msec-sse-" + Integer.toHexString(System.identityHashCode(client)));
    sender.setDaemon(true);
    client.onClose(
        () -> {
          try {
            subscription.close();
          } catch (Exception e) {
            LOG.debug("closing sse subscription failed", e);
          }
          sender.interrupt();
        });
    sender.start();
  }

  private static void send(SseClient client, BlockingQueue<StoredReading> queue, int[] dropped) {
    try {
      while (!client.terminated()) {
        StoredReading r = queue.poll(15, TimeUnit.SECONDS);
        if (r == null) {
          client.sendComment("keep-alive");
          continue;
        }
        if (dropped[0] > 0) {
          client.sendEvent("dropped", Integer.toString(dropped[0]));
          dropped[0] = 0;
        }
        client.sendEvent("reading", Json.mapper().writeValueAsString(r.reading().toJson()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("sse client gone error={}", e.toString());
    }
  }
}
