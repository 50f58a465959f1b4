package io.msec.device;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DeviceClient} connects and reconnects. Immutable; start from {@link #defaults()} and
 * change what you need with the {@code with...} methods.
 *
 * @param connectTimeout how long {@link DeviceClient#connect} waits for the first connection
 * @param initialBackoff the delay before the first reconnect attempt, doubled at each failure
 * @param maxBackoff the longest delay between reconnect attempts
 * @param keepAlive the MQTT keep-alive interval
 * @param clock the clock whose time goes into the CONNECT password
 */
public record DeviceOptions(
    Duration connectTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration keepAlive,
    Clock clock) {
  public DeviceOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(keepAlive, "keepAlive");
    Objects.requireNonNull(clock, "clock");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
  }

  /** 10 s to connect, reconnect after 100 ms doubling up to 5 s, keep-alive 30 s, system clock. */
  public static DeviceOptions defaults() {
    return new DeviceOptions(
        Duration.ofSeconds(10),
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Clock.systemUTC());
  }

  public DeviceOptions withConnectTimeout(Duration value) {
    return new DeviceOptions(value, initialBackoff, maxBackoff, keepAlive, clock);
  }

  public DeviceOptions withBackoff(Duration initial, Duration max) {
    return new DeviceOptions(connectTimeout, initial, max, keepAlive, clock);
  }

  public DeviceOptions withKeepAlive(Duration value) {
    return new DeviceOptions(connectTimeout, initialBackoff, maxBackoff, value, clock);
  }

  public DeviceOptions withClock(Clock value) {
    return new DeviceOptions(connectTimeout, initialBackoff, maxBackoff, keepAlive, value);
  }
}
