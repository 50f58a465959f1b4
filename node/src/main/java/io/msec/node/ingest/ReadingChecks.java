package io.msec.node.ingest;

import io.msec.core.Reading;
import io.msec.node.registry.DeviceRecord;
import io.msec.node.registry.Units;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The stateless per-reading checks that follow the sequence check: skew, schema, range. A sealed
 * reading gets the skew check only: its properties are encrypted for licensees, so the node cannot
 * check their units or ranges (docs/protocol.md, "Checks, in order").
 */
final class ReadingChecks {
  private ReadingChecks() {}

  /** Returns the first failed check, or null if the reading passes. */
  static Rejection check(
      Reading r, DeviceRecord device, Instant lastObserved, Instant now, Duration maxSkew) {
    if (r.observedAt().isAfter(now.plus(maxSkew))) {
      return new Rejection(
          r.seq(),
          "clock-skew",
          "observed at " + r.observedAt() + ", more than " + maxSkew + " ahead of the node");
    }
    if (lastObserved != null && r.observedAt().isBefore(lastObserved)) {
      return new Rejection(
          r.seq(),
          "clock-skew",
          "observed at " + r.observedAt() + ", before the previous reading at " + lastObserved);
    }
    if (r.isSealed()) {
      return null;
    }
    for (Map.Entry<String, Reading.Quantity> e : r.properties().entrySet()) {
      Rejection schema = schema(r.seq(), e.getKey(), e.getValue(), device);
      if (schema != null) {
        return schema;
      }
    }
    for (Map.Entry<String, Reading.Quantity> e : r.properties().entrySet()) {
      DeviceRecord.PropertySpec spec = device.schema().get(e.getKey());
      double v = e.getValue().value();
      if (!(v >= spec.min() && v <= spec.max())) {
        return new Rejection(
            r.seq(),
            "out-of-range",
            e.getKey() + "=" + v + " is outside " + spec.min() + ".." + spec.max());
      }
    }
    return null;
  }

  private static Rejection schema(
      long seq, String property, Reading.Quantity q, DeviceRecord device) {
    if (!Units.isKnown(q.unit())) {
      return new Rejection(seq, "unknown-unit", property + " has unknown UCUM unit " + q.unit());
    }
    DeviceRecord.PropertySpec spec = device.schema().get(property);
    if (spec == null) {
      return new Rejection(
          seq, "unknown-property", property + " is not in the device's registered schema");
    }
    if (!spec.unit().equals(q.unit())) {
      return new Rejection(
          seq,
          "unit-mismatch",
          property + " is registered in " + spec.unit() + ", not " + q.unit());
    }
    return null;
  }
}
