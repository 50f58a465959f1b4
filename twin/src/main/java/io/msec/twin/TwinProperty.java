package io.msec.twin;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest known value of one property of a twin. Immutable.
 *
 * @param value the value
 * @param unit its UCUM unit code as the device reported it, e.g. {@code [ppm]}
 * @param observedAt when it was observed, at millisecond resolution
 */
public record TwinProperty(double value, String unit, Instant observedAt) {
  public TwinProperty {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(observedAt, "observedAt");
  }
}
