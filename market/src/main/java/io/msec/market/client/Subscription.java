package io.msec.market.client;

import io.msec.core.MsecException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A licensee's open stream ({@link MarketClient#subscribe}): a thread of its own reads the node's
 * Server-Sent Events, keeps the grants, and hands every reading that decrypts and carries its
 * device's signature to the consumer, in the order the node sent them. A reading that fails is not
 * delivered; it is counted under the code that says why ({@code no-grant}, {@code bad-ciphertext},
 * {@code bad-signature}, ...; see {@link #failuresByReason()}). The stream ends on {@link
 * #close()}, or when the node closes it (the license ended, the node stopped).
 *
 * <pre>{@code
 * try (Subscription s = client.subscribe(buyer, order, "research", key, r -> show(r.reading()))) {
 *   s.awaitEnd();
 * }
 * }</pre>
 */
public final class Subscription implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

  private final String order;
  private final InputStream body;
  private final StreamReader reader;
  private final Consumer<VerifiedReading> onReading;
  private final Clock clock;
  private final Thread thread;
  private final AtomicLong delivered = new AtomicLong();
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private volatile MsecException ended;

  private Subscription(
      String order,
      InputStream body,
      StreamReader reader,
      Consumer<VerifiedReading> onReading,
      Clock clock) {
    this.order = order;
    this.body = body;
    this.reader = reader;
    this.onReading = onReading;
    this.clock = clock;
    this.thread =
        new Thread(
            this::run, "msec-market-stream-" + order.substring(0, Math.min(8, order.length())));
    this.thread.setDaemon(true);
  }

  static Subscription start(
      String order,
      InputStream body,
      StreamReader reader,
      Consumer<VerifiedReading> onReading,
      Clock clock) {
    Subscription s = new Subscription(order, body, reader, onReading, clock);
    s.thread.start();
    LOG.debug("stream opened order={}", order);
    return s;
  }

  /** The order whose stream this is. */
  public String order() {
    return order;
  }

  /** How many epoch keys the buyer holds so far. */
  public int grants() {
    return reader.grants();
  }

  /** How many verified readings were handed to the consumer. */
  public long delivered() {
    return delivered.get();
  }

  /** How many events failed a check; none of them reached the consumer. */
  public long failures() {
    return failures.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** The failures by code, e.g. {@code {"bad-signature":1}}. */
  public Map<String, Long> failuresByReason() {
    Map<String, Long> out = new TreeMap<>();
    failures.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** True until the stream ends, by {@link #close()} or from the node's side. */
  public boolean isOpen() {
    return thread.isAlive();
  }

  /**
   * Waits until the stream ends.
   *
   * @throws MsecException {@code stream-failed} if reading it failed rather than the node ending it
   */
  public void awaitEnd() throws InterruptedException {
    thread.join();
    if (ended != null) {
      throw ended;
    }
  }

  /** Stops reading and closes the connection; idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      body.close();
    } catch (IOException e) {
      LOG.debug("closing stream order={} error={}", order, e.toString());
    }
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    String event = "message";
    StringBuilder data = new StringBuilder();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null && !closed; line = in.readLine()) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            dispatch(event, data.toString());
          }
          event = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          event = value(line, 6);
        } else if (line.startsWith("data:")) {
          data.append(data.length() > 0 ? "\n" : "").append(value(line, 5));
        }
      }
      LOG.debug("stream ended order={} delivered={} failures={}", order, delivered, failures());
    } catch (IOException e) {
      if (!closed) {
        ended = new MsecException("stream-failed", "the stream of order " + order + " broke: " + e);
        LOG.warn("stream broke order={} error={}", order, e.toString());
      }
    }
  }

  /** An SSE field's value: a single space after the colon is not part of it. */
  private static String value(String line, int colon) {
    return line.startsWith(" ", colon) ? line.substring(colon + 1) : line.substring(colon);
  }

  private void dispatch(String event, String data) {
    VerifiedReading r;
    try {
      r = reader.accept(event, data, clock.millis());
    } catch (MsecException e) {
      long n = failures.computeIfAbsent(e.code(), k -> new AtomicLong()).incrementAndGet();
      if (n == 1 || n % 100 == 0) {
        LOG.warn(
            "refused delivery order={} event={} reason={} count={} detail={}",
            order,
            event,
            e.code(),
            n,
            e.getMessage());
      }
      return;
    }
    if (r == null) {
      return;
    }
    delivered.incrementAndGet();
    try {
      onReading.accept(r);
    } catch (RuntimeException e) {
      LOG.warn("reading consumer failed order={} seq={}", order, r.reading().seq(), e);
    }
  }
}
