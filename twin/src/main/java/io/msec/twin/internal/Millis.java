package io.msec.twin.internal;

import java.time.Duration;
import java.time.Instant;

/** Conversions to the store's milliseconds, saturating instead of overflowing. */
public final class Millis {
  private Millis() {}

  /** Milliseconds since the epoch, truncated; Long.MIN_VALUE / MAX_VALUE beyond that range. */
  public static long of(Instant instant) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException e) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Milliseconds of a non-negative duration, truncated; Long.MAX_VALUE beyond that range. */
  public static long of(Duration duration) {
    try {
      return duration.toMillis();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
