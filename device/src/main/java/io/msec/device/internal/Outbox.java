package io.msec.device.internal;

import io.msec.core.MsecException;
import io.msec.device.PublishResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of one device that the node has not acknowledged yet, in the order they were
 * published. A message leaves the outbox only on an answer from the node (a PUBACK, accepted or
 * refused); while the connection is down nothing is sent, and when it comes back every message
 * still inside is sent again, oldest first. Resending a message the node already stored is
 * harmless: the node acknowledges an exact duplicate as accepted and stores it once.
 *
 * <p>Every connection gets a new generation number; an answer to an attempt of an earlier
 * generation is still taken if it is an acknowledgement, and ignored if it is a failure. Thread
 * safe.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final long NOT_SENT = -1;

  /** Sends one payload; completes with the node's answer, exceptionally if the link failed. */
  public interface Transport {
    CompletableFuture<Ack> send(byte[] payload);
  }

  /** A PUBACK: reason code and reason string (null if none). */
  public record Ack(int reasonCode, String reasonString) {}

  private static final class Entry {
    final long id;
    final byte[] payload;
    final long firstSeq;
    final long lastSeq;
    final int readings;
    final CompletableFuture<PublishResult> result = new CompletableFuture<>();
    long sentGeneration = NOT_SENT;
    int attempts;

    Entry(long id, byte[] payload, long firstSeq, long lastSeq, int readings) {
      this.id = id;
      this.payload = payload;
      this.firstSeq = firstSeq;
      this.lastSeq = lastSeq;
      this.readings = readings;
    }
  }

  // Limitation: the outbox lives in memory only; a device process that dies loses what it had not
  // sent, and recovers by continuing after the node's lastSeq (docs/limitations.md).
  private final String name;
  private final Transport transport;
  private final Duration retryDelay;
  private final TreeMap<Long, Entry> entries = new TreeMap<>();
  private final ScheduledExecutorService retries;
  private long nextId;
  private long generation;
  private boolean online;
  private long resends;

  /**
   * @param name what log lines call this outbox (the device's did)
   * @param retryDelay how long to wait before resending after a failure while still connected
   */
  public Outbox(String name, Transport transport, Duration retryDelay) {
    this.name = name;
    this.transport = transport;
    this.retryDelay = retryDelay;
    this.retries =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "msec-outbox-retry");
              t.setDaemon(true);
              return t;
            });
  }

  /** Adds a message; it is sent now if the connection is up, else at the next connection. */
  public synchronized CompletableFuture<PublishResult> add(
      byte[] payload, long firstSeq, long lastSeq, int readings) {
    Entry entry = new Entry(nextId++, payload, firstSeq, lastSeq, readings);
    entries.put(entry.id, entry);
    if (online) {
      send(entry);
    }
    return entry.result;
  }

  /** The connection is up: sends every waiting message, oldest first. */
  public synchronized void online() {
    online = true;
    generation++;
    int waiting = entries.size();
    if (waiting > 0) {
      LOG.info("resending after connect device={} messages={}", name, waiting);
    }
    sendWaiting();
  }

  /** The connection is down: every message in flight counts as lost until acknowledged. */
  public synchronized void offline() {
    online = false;
    generation++;
    for (Entry e : entries.values()) {
      e.sentGeneration = NOT_SENT;
    }
  }

  /** Messages not yet answered. */
  public synchronized int size() {
    return entries.size();
  }

  /** How many messages were sent more than once. */
  public synchronized long resends() {
    return resends;
  }

  /** Waits until every message is answered; false if {@code timeout} passed first. */
  public synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!entries.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Fails every waiting message with {@code error} and stops sending. */
  @Override
  public void close() {
    close(new MsecException("device-client-closed", "the device client was closed"));
  }

  /** Fails every waiting message with {@code error} and stops sending. */
  public synchronized void close(MsecException error) {
    online = false;
    for (Entry e : entries.values()) {
      e.result.completeExceptionally(error);
    }
    entries.clear();
    notifyAll();
    retries.shutdownNow();
  }

  private void sendWaiting() {
    List<Entry> waiting = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (e.sentGeneration == NOT_SENT) {
        waiting.add(e);
      }
    }
    for (Entry e : waiting) {
      if (online && e.sentGeneration == NOT_SENT && entries.containsKey(e.id)) {
        send(e);
      }
    }
  }

  private void send(Entry entry) {
    if (entry.sentGeneration != NOT_SENT || entry.result.isDone()) {
      return;
    }
    long attempt = generation;
    if (entry.attempts++ > 0) {
      resends++;
    }
    entry.sentGeneration = attempt;
    CompletableFuture<Ack> ack;
    try {
      ack = transport.send(entry.payload);
    } catch (RuntimeException e) {
      ack = CompletableFuture.failedFuture(e);
    }
    ack.whenComplete((a, error) -> answered(entry, attempt, a, error));
  }

  private synchronized void answered(Entry entry, long attempt, Ack ack, Throwable error) {
    if (!entries.containsKey(entry.id)) {
      return;
    }
    if (error == null) {
      entries.remove(entry.id);
      entry.result.complete(result(entry, ack));
      notifyAll();
      return;
    }
    if (entry.sentGeneration != attempt) {
      return;
    }
    entry.sentGeneration = NOT_SENT;
    LOG.debug("send failed device={} seq={} error={}", name, entry.firstSeq, error.toString());
    // Limitation: a send that fails on a live connection is retried alone; if later readings were
    // stored meanwhile the node refuses it as a replayed sequence.
    if (online && attempt == generation) {
      retries.schedule(this::retry, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void retry() {
    if (online) {
      sendWaiting();
    }
  }

  private PublishResult result(Entry entry, Ack ack) {
    String code = ack.reasonCode() < 0x80 ? PublishResult.ACCEPTED : rejectCode(ack);
    if (ack.reasonCode() >= 0x80) {
      LOG.warn(
          "node refused readings device={} seq={}..{} reasonCode=0x{} code={}",
          name,
          entry.firstSeq,
          entry.lastSeq,
          Integer.toHexString(ack.reasonCode()),
          code);
    }
    return new PublishResult(entry.firstSeq, entry.lastSeq, entry.readings, ack.reasonCode(), code);
  }

  private static String rejectCode(Ack ack) {
    String reason = ack.reasonString();
    if (reason != null && !reason.isBlank()) {
      // The node answers "<code>: <explanation>" (docs/protocol.md); the code is what counts.
      int colon = reason.indexOf(':');
      return (colon > 0 ? reason.substring(0, colon) : reason).strip();
    }
    return switch (ack.reasonCode()) {
      case 0x87 -> "not-authorized";
      case 0x99 -> "malformed";
      case 0x97 -> "quota-exceeded";
      default -> "refused";
    };
  }
}
