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
 * @param sealing where the device gets its epoch keys if it seals its readings, or null if it
 *     publishes them open
 */
public record DeviceOptions(
    Duration connectTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration keepAlive,
    Clock clock,
    EpochKeys sealing) {
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

  /**
   * 10 s to connect, reconnect after 100 ms doubling up to 5 s, keep-alive 30 s, system clock,
   * readings published open.
   */
  public static DeviceOptions defaults() {
    return new DeviceOptions(
        Duration.ofSeconds(10),
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Clock.systemUTC(),
        null);
  }

  public DeviceOptions withConnectTimeout(Duration value) {
    return new DeviceOptions(value, initialBackoff, maxBackoff, keepAlive, clock, sealing);
  }

  public DeviceOptions withBackoff(Duration initial, Duration max) {
    return new DeviceOptions(connectTimeout, initial, max, keepAlive, clock, sealing);
  }

  public DeviceOptions withKeepAlive(Duration value) {
    return new DeviceOptions(connectTimeout, initialBackoff, maxBackoff, value, clock, sealing);
  }

  public DeviceOptions withClock(Clock value) {
    return new DeviceOptions(connectTimeout, initialBackoff, maxBackoff, keepAlive, value, sealing);
  }

  /**
   * Seal every reading with the content key of {@code keys}' current epoch before signing it, or
   * publish open with null. The node then stores and forwards readings it cannot read
   * (docs/market.md, "Sealed device").
   */
  public DeviceOptions withSealing(EpochKeys keys) {
    return new DeviceOptions(connectTimeout, initialBackoff, maxBackoff, keepAlive, clock, keys);
  }
}
