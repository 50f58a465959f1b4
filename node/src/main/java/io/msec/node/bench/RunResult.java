package io.msec.node.bench;

/**
 * What one measured run achieved.
 *
 * @param readings readings acknowledged (stored) in the measured phase
 * @param seconds wall time from the first publish to the last acknowledgement
 * @param p50Millis median publish-to-acknowledged latency of one publish
 * @param p99Millis 99th percentile of the same
 * @param failed publishes that failed or were refused
 */
public record RunResult(
    long readings, double seconds, double p50Millis, double p99Millis, long failed) {
  public double readingsPerSecond() {
    return seconds <= 0 ? 0 : readings / seconds;
  }
}
