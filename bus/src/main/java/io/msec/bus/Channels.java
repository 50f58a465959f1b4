package io.msec.bus;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process publish/subscribe by topic name. Delivery is synchronous on the publisher's thread, so
 * subscribers must hand slow work off; a subscriber that throws is logged and skipped, never
 * allowed to fail the publisher.
 *
 * @param <T> the message type
 */
public final class Channels<T> {
  private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

  private final Map<String, List<Consumer<? super T>>> subscribers = new ConcurrentHashMap<>();

  /** Subscribes to one topic; close the returned handle to stop. */
  public AutoCloseable subscribe(String topic, Consumer<? super T> subscriber) {
    subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(subscriber);
    return () -> subscribers.getOrDefault(topic, List.of()).remove(subscriber);
  }

  /** Delivers {@code message} to the current subscribers of {@code topic}. */
  public void publish(String topic, T message) {
    for (Consumer<? super T> s : subscribers.getOrDefault(topic, List.of())) {
      try {
        s.accept(message);
      } catch (RuntimeException e) {
        LOG.warn("subscriber failed topic={} error={}", topic, e.toString());
      }
    }
  }

  /** Number of subscribers of {@code topic}. */
  public int subscriberCount(String topic) {
    return subscribers.getOrDefault(topic, List.of()).size();
  }
}
