package io.msec.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.Reading;
import io.msec.ledger.Mint;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.TransactionBuilder;
import io.msec.market.client.MarketClient;
import io.msec.node.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

/**
 * Owners, devices and readings of a running node, reached over its HTTP API as remote owners and
 * devices reach it.
 */
final class City {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Node node;
  private final MarketClient market;

  City(Node node) {
    this.node = node;
    this.market = new MarketClient(URI.create(node.httpUrl()));
  }

  MarketClient market() {
    return market;
  }

  /** A new account holding {@code tokens} minted by the treasury. */
  Identity funded(long tokens) {
    Identity account = Identity.generate();
    market.submit(node.keys().treasury(), new Mint(account.did(), tokens));
    return account;
  }

  /** A CO2 sensor named {@code room}, registered by {@code owner} at {@code lat, lon}. */
  Identity co2Sensor(Identity owner, String room, double lat, double lon) throws Exception {
    ObjectNode schema = Json.mapper().createObjectNode();
    schema.putObject("co2").put("unit", "[ppm]").put("min", 0).put("max", 10000);
    return register(owner, "co2-sensor", room, lat, lon, schema);
  }

  /** A ventilation controller registered by {@code owner}. */
  Identity controller(Identity owner, String name) throws Exception {
    ObjectNode schema = Json.mapper().createObjectNode();
    schema.putObject("ventilation").put("unit", "1").put("min", 0).put("max", 1);
    return register(owner, "ventilation-controller", name, 57.15, -2.09, schema);
  }

  private Identity register(
      Identity owner, String type, String name, double lat, double lon, ObjectNode schema)
      throws Exception {
    Identity device = Identity.generate();
    ObjectNode location = Json.mapper().createObjectNode().put("lat", lat).put("lon", lon);
    ObjectNode tx =
        TransactionBuilder.sign(
                owner,
                market.nextNonce(owner.did()),
                new RegisterDevice(device.did(), type, name, location, schema))
            .toJson();
    HttpResponse<String> r = post("/api/v1/devices", tx.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return device;
  }

  /** Publishes reading {@code seq} of {@code sensor}: {@code ppm} of CO2, five seconds ago. */
  void publish(Identity sensor, long seq, double ppm) throws Exception {
    Reading r =
        new Reading(
            sensor.did(),
            seq,
            Instant.now().minusSeconds(5),
            Map.of("co2", new Reading.Quantity(ppm, "[ppm]")),
            null);
    HttpResponse<String> answer =
        post("/api/v1/readings", Envelope.sign(sensor, r.toJson()).toJson().toString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
  }

  /** Sends a command signed by {@code signer} to the twin of {@code device}. */
  HttpResponse<String> command(Identity signer, DidKey device, String value, Instant at)
      throws Exception {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("device", device.toString());
    payload.put("command", "ventilation");
    payload.put("value", value);
    payload.put("time", at.toString());
    payload.put("reason", "test");
    return post(
        "/api/v1/twins/" + device + "/commands",
        Envelope.sign(signer, payload).toJson().toString());
  }

  /** The twin's latest value of {@code command}, or null if it has none. */
  String latest(DidKey device, String command) throws Exception {
    HttpResponse<String> r = get("/api/v1/twins/" + device);
    if (r.statusCode() == 404) {
      return null;
    }
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode value = Json.mapper().readTree(r.body()).path("commands").path("value");
    return value.path(command).path("value").asText(null);
  }

  /** The commands the node lists for {@code device}'s twin. */
  JsonNode commands(DidKey device) throws Exception {
    HttpResponse<String> r = get("/api/v1/twins/" + device + "/commands");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body()).get("commands");
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(node.httpUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(node.httpUrl() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The {@code code} of a problem answer. */
  static String code(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body()).path("code").asText();
  }
}
