package io.msec.twin;

import java.time.Instant;
import java.util.Objects;

/**
 * Aggregate of a property's values in one time bucket {@code [start, start + width)}. Immutable.
 *
 * @param start inclusive start of the bucket
 * @param min smallest value in the bucket
 * @param max largest value in the bucket
 * @param mean arithmetic mean of the values in the bucket
 * @param count number of values in the bucket, at least 1 (empty buckets are not reported)
 */
public record SeriesBucket(Instant start, double min, double max, double mean, long count) {
  public SeriesBucket {
    Objects.requireNonNull(start, "start");
  }
}
