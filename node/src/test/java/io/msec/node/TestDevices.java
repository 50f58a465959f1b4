package io.msec.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.BatchEnvelope;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.Reading;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.RevokeDevice;
import io.msec.ledger.TransactionBuilder;
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

  /** The owner's next nonce, as a remote owner learns it from the node. */
  static long nextNonce(String api, Identity owner) throws Exception {
    return Json.mapper()
        .readTree(get(api + "/ledger/accounts/" + owner.did()).body())
        .get("nextNonce")
        .asLong();
  }

  /** A signed {@code register-device} transaction of a CO2 and temperature sensor. */
  static ObjectNode registration(String api, Identity owner, Identity device) throws Exception {
    ObjectNode schema = Json.mapper().createObjectNode();
    schema.putObject("co2").put("unit", "[ppm]").put("min", 0).put("max", 10000);
    schema.putObject("temperature").put("unit", "Cel").put("min", -40).put("max", 85);
    ObjectNode location = Json.mapper().createObjectNode().put("lat", 57.15).put("lon", -2.09);
    return TransactionBuilder.sign(
            owner,
            nextNonce(api, owner),
            new RegisterDevice(device.did(), "co2-sensor", "room 413", location, schema))
        .toJson();
  }

  /**
   * A registration of an SDS011-style particulate sensor reporting {@code pm10} and {@code pm25} in
   * µg/m³ (UCUM {@code ug/m3}).
   */
  static ObjectNode pmRegistration(
      String api, Identity owner, Identity device, String name, Reading.Location at)
      throws Exception {
    ObjectNode schema = Json.mapper().createObjectNode();
    schema.putObject("pm10").put("unit", "ug/m3").put("min", 0).put("max", 1000);
    schema.putObject("pm25").put("unit", "ug/m3").put("min", 0).put("max", 1000);
    ObjectNode location =
        Json.mapper().createObjectNode().put("lat", at.lat()).put("lon", at.lon());
    return TransactionBuilder.sign(
            owner,
            nextNonce(api, owner),
            new RegisterDevice(device.did(), "pm-sensor", name, location, schema))
        .toJson();
  }

  /** A signed {@code revoke-device} transaction. */
  static ObjectNode revocation(String api, Identity owner, Identity device) throws Exception {
    return TransactionBuilder.sign(owner, nextNonce(api, owner), new RevokeDevice(device.did()))
        .toJson();
  }

  static byte[] bytes(ObjectNode json) {
    return json.toString().getBytes();
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
