package io.msec.twin;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of a property's series. Immutable.
 *
 * @param time when the value was observed, at millisecond resolution
 * @param value the value, in the unit the device reported it in
 * @param seq the sequence number of the reading the value came from
 */
public record SeriesPoint(Instant time, double value, long seq) {
  public SeriesPoint {
    Objects.requireNonNull(time, "time");
  }
}
