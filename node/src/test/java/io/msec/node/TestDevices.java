package io.msec.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.BatchEnvelope;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.Reading;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds signed registrations and readings for node tests, and talks HTTP to a node. */
final class TestDevices {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private TestDevices() {}

  static ObjectNode registration(Identity owner, Identity device, Instant now) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put("op", "register-device");
    p.put("device", device.did().toString());
    p.put("owner", owner.did().toString());
    p.put("type", "co2-sensor");
    p.put("name", "room 413");
    p.putObject("location").put("lat", 57.15).put("lon", -2.09);
    ObjectNode schema = p.putObject("schema");
    schema.putObject("co2").put("unit", "[ppm]").put("min", 0).put("max", 10000);
    schema.putObject("temperature").put("unit", "Cel").put("min", -40).put("max", 85);
    p.put("time", now.toString());
    return p;
  }

  /**
   * A registration of an SDS011-style particulate sensor reporting {@code pm10} and {@code pm25} in
   * µg/m³ (UCUM {@code ug/m3}).
   */
  static ObjectNode pmRegistration(
      Identity owner, Identity device, String name, Reading.Location at, Instant now) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put("op", "register-device");
    p.put("device", device.did().toString());
    p.put("owner", owner.did().toString());
    p.put("type", "pm-sensor");
    p.put("name", name);
    p.putObject("location").put("lat", at.lat()).put("lon", at.lon());
    ObjectNode schema = p.putObject("schema");
    schema.putObject("pm10").put("unit", "ug/m3").put("min", 0).put("max", 1000);
    schema.putObject("pm25").put("unit", "ug/m3").put("min", 0).put("max", 1000);
    p.put("time", now.toString());
    return p;
  }

  static Reading pmReading(Identity device, long seq, Instant at, double pm10, double pm25) {
    return new Reading(
        device.did(),
        seq,
        at,
        Map.of(
            "pm10", new Reading.Quantity(pm10, "ug/m3"),
            "pm25", new Reading.Quantity(pm25, "ug/m3")),
        null);
  }

  /** Several readings of one device in one signed batch. */
  static byte[] signedBatch(Identity device, List<Reading> readings) {
    return BatchEnvelope.sign(device, readings.stream().map(Reading::toJson).toList())
        .toJson()
        .toString()
        .getBytes();
  }

  static ObjectNode revocation(Identity device, Instant now) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put("op", "revoke-device");
    p.put("device", device.did().toString());
    p.put("time", now.toString());
    return p;
  }

  static Reading reading(Identity device, long seq, Instant at, double co2, String unit) {
    return new Reading(device.did(), seq, at, Map.of("co2", new Reading.Quantity(co2, unit)), null);
  }

  static byte[] signed(Identity device, Reading r) {
    return Envelope.sign(device, r.toJson()).toJson().toString().getBytes();
  }

  static HttpResponse<String> post(String url, byte[] body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
