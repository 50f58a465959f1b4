package io.msec.node.chain;

import java.time.Duration;

/**
 * When the node anchors a device's readings on the ledger: once {@code everyReadings} readings are
 * waiting, or once the oldest waiting one has waited {@code maxWait}.
 */
public record AnchorPolicy(int everyReadings, Duration maxWait) {
  public AnchorPolicy {
    if (everyReadings < 1 || maxWait.isNegative() || maxWait.isZero()) {
      throw new IllegalArgumentException("anchor every >= 1 readings and after a positive wait");
    }
  }

  public static AnchorPolicy defaults() {
    return new AnchorPolicy(100, Duration.ofSeconds(10));
  }
}
