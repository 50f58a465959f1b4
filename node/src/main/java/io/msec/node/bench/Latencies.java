package io.msec.node.bench;

import java.util.Arrays;

/** Collects latencies in microseconds from many threads and reports percentiles. */
final class Latencies {
  private long[] values = new long[1 << 16];
  private int size;

  synchronized void add(long micros) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = micros;
  }

  synchronized int count() {
    return size;
  }

  /** The {@code p}-th percentile (0..100) in milliseconds, or NaN with no samples. */
  synchronized double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int index = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
    return sorted[Math.max(index, 0)] / 1000.0;
  }
}
