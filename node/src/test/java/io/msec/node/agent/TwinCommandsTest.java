package io.msec.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.node.Node;
import io.msec.node.NodeConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands on a running node's twins: kept only when signed by the device or its owner, shown as
 * the twin's latest value, listed, and kept across a restart.
 */
class TwinCommandsTest {
  @TempDir Path dir;

  @Test
  void keepsCommandsOfTheDeviceOrItsOwnerAndRefusesEveryOtherWithItsCode() throws Exception {
    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Identity owner = Identity.generate();
    Identity stranger = Identity.generate();
    Identity controller;
    try (Node node = start()) {
      City city = new City(node);
      controller = city.controller(owner, "ventilation of room 413");

      HttpResponse<String> byStranger = city.command(stranger, controller.did(), "on", t);
      HttpResponse<String> forged = forged(city, stranger, controller, t);
      HttpResponse<String> unknown = city.command(stranger, stranger.did(), "on", t);
      HttpResponse<String> badValue = city.command(controller, controller.did(), "maybe", t);
      HttpResponse<String> ahead =
          city.command(controller, controller.did(), "on", t.plus(Duration.ofHours(1)));
      HttpResponse<String> byDevice = city.command(controller, controller.did(), "on", t);
      HttpResponse<String> again = city.command(controller, controller.did(), "on", t);

      assertThat(byStranger.statusCode()).isEqualTo(403);
      assertThat(City.code(byStranger)).isEqualTo("not-owner");
      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(City.code(forged)).isEqualTo("bad-signature");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(City.code(unknown)).isEqualTo("unknown-device");
      assertThat(badValue.statusCode()).isEqualTo(400);
      assertThat(City.code(badValue)).isEqualTo("malformed");
      assertThat(City.code(ahead)).isEqualTo("clock-skew");
      assertThat(byDevice.statusCode()).as(byDevice.body()).isEqualTo(201);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(city.latest(controller.did(), "ventilation")).isEqualTo("on");

      HttpResponse<String> byOwner = city.command(owner, controller.did(), "off", t.plusSeconds(1));
      assertThat(byOwner.statusCode()).as(byOwner.body()).isEqualTo(201);
      assertThat(city.latest(controller.did(), "ventilation")).isEqualTo("off");
    }

    try (Node restarted = start()) {
      City city = new City(restarted);
      JsonNode kept = city.commands(controller.did());

      assertThat(kept)
          .extracting(c -> c.get("value").asText(), c -> c.get("signer").asText())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("on", controller.did().toString()),
              org.assertj.core.groups.Tuple.tuple("off", owner.did().toString()));
      assertThat(city.latest(controller.did(), "ventilation")).isEqualTo("off");
    }
  }

  @Test
  void aLaterCommandSentFirstStaysTheLatestValue() throws Exception {
    Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Identity owner = Identity.generate();
    try (Node node = start()) {
      City city = new City(node);
      Identity controller = city.controller(owner, "ventilation of room 415");

      // The owner commands through the SDK; a stranger's command is refused with the node's code.
      io.msec.market.client.MarketClient sdk =
          new io.msec.market.client.MarketClient(java.net.URI.create(node.httpUrl()));
      assertThat(
              sdk.command(owner, controller.did(), "ventilation", "off", t, "night")
                  .path("id")
                  .asText())
          .isNotEmpty();
      assertThatThrownBy(
              () -> sdk.command(Identity.generate(), controller.did(), "ventilation", "on", t, "x"))
          .hasFieldOrPropertyWithValue("code", "not-owner");
      assertThat(city.command(controller, controller.did(), "on", t.minusSeconds(60)).statusCode())
          .isEqualTo(201);

      assertThat(city.latest(controller.did(), "ventilation")).isEqualTo("off");
      assertThat(city.commands(controller.did()))
          .extracting(c -> c.get("value").asText())
          .containsExactly("on", "off");
      // The controller has no readings, yet its twin is listed with its commands.
      JsonNode twins = Json.mapper().readTree(city.get("/api/v1/twins").body());
      assertThat(twins)
          .filteredOn(e -> e.path("id").asText().endsWith(controller.did().toString().substring(8)))
          .singleElement()
          .satisfies(
              e -> assertThat(e.at("/commands/value/ventilation/value").asText()).isEqualTo("off"));
    }
  }

  private Node start() {
    return Node.start(NodeConfig.defaults(dir).withPorts(0, 0), Clock.systemUTC());
  }

  /** A command of the device's id whose signature is the stranger's. */
  private static HttpResponse<String> forged(
      City city, Identity stranger, Identity device, Instant t) throws Exception {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("device", device.did().toString());
    payload.put("command", "ventilation");
    payload.put("value", "on");
    payload.put("time", t.toString());
    ObjectNode wire = io.msec.core.Envelope.sign(stranger, payload).toJson();
    wire.put("signer", device.did().toString());
    return city.post("/api/v1/twins/" + device.did() + "/commands", wire.toString());
  }
}
