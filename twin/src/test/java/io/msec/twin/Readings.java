package io.msec.twin;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.BatchEnvelope;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Signed readings for tests, from fixed device keys so that runs are repeatable. */
final class Readings {
  static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");
  static final Instant RECEIVED = Instant.parse("2026-12-04T09:00:00Z");

  private Readings() {}

  /** Device number {@code n}, always the same key. */
  static Identity device(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 7;
    return Identity.fromSeed(seed);
  }

  /** The UCUM unit the tests use for a property. */
  static String unit(String property) {
    return switch (property) {
      case "co2" -> "[ppm]";
      case "temperature" -> "Cel";
      case "humidity" -> "%";
      default -> "1";
    };
  }

  /** A reading of {@code device} at {@code T0 + minutes} with a single co2 value. */
  static Reading co2(Identity device, long seq, long minutes, double ppm) {
    return reading(device, seq, T0.plusSeconds(60 * minutes), Map.of("co2", ppm), null);
  }

  static Reading reading(
      Identity device,
      long seq,
      Instant observedAt,
      Map<String, Double> values,
      Reading.Location location) {
    Map<String, Reading.Quantity> properties = new LinkedHashMap<>();
    values.forEach((name, v) -> properties.put(name, new Reading.Quantity(v, unit(name))));
    return new Reading(device.did(), seq, observedAt, properties, location);
  }

  /** {@code reading} signed on its own by {@code device}. */
  static StoredReading signed(Identity device, Reading reading) {
    Envelope envelope = Envelope.sign(device, reading.toJson());
    return StoredReading.single(
        reading, envelope.canonicalPayload(), envelope.signature(), RECEIVED);
  }

  /** {@code readings} signed together as one batch by {@code device}. */
  static List<StoredReading> batch(Identity device, List<Reading> readings) {
    List<JsonNode> payloads = readings.stream().map(r -> (JsonNode) r.toJson()).toList();
    BatchEnvelope envelope = BatchEnvelope.sign(device, payloads);
    List<StoredReading> out = new ArrayList<>();
    for (int i = 0; i < readings.size(); i++) {
      out.add(
          StoredReading.inBatch(
              readings.get(i),
              io.msec.core.CanonicalJson.bytes(payloads.get(i)),
              envelope.signature(),
              RECEIVED,
              envelope.root(),
              i,
              readings.size()));
    }
    return out;
  }

  /** Shorthand for a co2 reading signed on its own. */
  static StoredReading signedCo2(Identity device, long seq, long minutes, double ppm) {
    return signed(device, co2(device, seq, minutes, ppm));
  }
}
