package io.msec.node.api;

import io.javalin.http.sse.SseClient;
import io.msec.bus.Channels;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.node.ingest.Ingestor;
import io.msec.twin.StoredReading;
import java.io.IOException;

/**
 * Server-Sent Events of accepted readings, all or one device's. Each client is one of the server's
 * {@link EventSenders}, so a slow client never slows ingestion: when its queue is full it misses
 * readings (and is told so by a {@code dropped} event) rather than holding the writer.
 */
final class LiveStreams {
  private static final int QUEUE = 2_000;

  private final Channels<StoredReading> live;
  private final EventSenders senders;

  LiveStreams(Channels<StoredReading> live, EventSenders senders) {
    this.live = live;
    this.senders = senders;
  }

  void all(SseClient client) {
    stream(client, Ingestor.LIVE_ALL);
  }

  void device(SseClient client) {
    stream(client, Params.did("device", client.ctx().pathParam("did")).toString());
  }

  private void stream(SseClient client, String topic) {
    EventSenders.Sender s =
        senders.open(
            client,
            "msec-sse-" + Integer.toHexString(System.identityHashCode(client)),
            QUEUE,
            () -> null);
    s.feedBy(live.subscribe(topic, r -> s.offer("reading", () -> json(r))));
    client.keepAlive();
    // Sends the headers at once, so a client knows it is subscribed before the first reading.
    client.sendComment("subscribed " + topic);
    s.start();
  }

  private static String json(StoredReading r) {
    try {
      return Json.mapper().writeValueAsString(r.reading().toJson());
    } catch (IOException e) {
      throw new MsecException("internal", "cannot write reading as JSON: " + e.getMessage(), e);
    }
  }
}
