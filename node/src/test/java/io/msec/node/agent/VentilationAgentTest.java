package io.msec.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msec.core.Identity;
import io.msec.core.Reading;
import io.msec.ledger.Transfer;
import io.msec.market.CreateOffer;
import io.msec.market.Product;
import io.msec.market.UsagePolicy;
import io.msec.market.agent.Room;
import io.msec.market.agent.VentilationAgent;
import io.msec.market.client.Budget;
import io.msec.market.crypto.RecipientKey;
import io.msec.node.Node;
import io.msec.node.NodeConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ventilation agent on a running node: it buys its room's CO2 stream within its budget,
 * receives the readings decrypted and checked, and switches the ventilation on its own twin.
 */
class VentilationAgentTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Identity PROVIDER = Identity.generate();

  @TempDir static Path dir;
  static Node node;
  static City city;

  @BeforeAll
  static void start() {
    node = Node.start(NodeConfig.defaults(dir).withPorts(0, 0), Clock.systemUTC());
    city = new City(node);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void buysTheCheapestStreamOfItsRoomAndSwitchesTheVentilationOnAboveTheThresholdAndOffBelowIt()
      throws Exception {
    Identity sensor = city.co2Sensor(PROVIDER, "room 413", 57.1500, -2.0900);
    Identity elsewhere = city.co2Sensor(PROVIDER, "room 9", 57.2000, -2.2000);
    String dear = city.market().offer(PROVIDER, offer(sensor, 11, "CO2 of room 413, premium"));
    String cheap = city.market().offer(PROVIDER, offer(sensor, 8, "CO2 of room 413"));
    city.market().offer(PROVIDER, offer(elsewhere, 1, "CO2 of room 9"));
    Identity owner = city.funded(100);
    Identity controller = city.controller(owner, "ventilation of room 413");
    city.market().submit(owner, new Transfer(controller.did(), 40));
    Budget budget = new Budget(12, 30);
    Room room = new Room(null, new Reading.Location(57.1501, -2.0901), 50);

    try (VentilationAgent agent = agent(controller, owner, budget, room)) {
      agent.step(Instant.now());
      await().atMost(WAIT).until(agent::receiving);

      assertThat(city.market().order(agent.order()).path("license").path("offer").asText())
          .isEqualTo(cheap)
          .isNotEqualTo(dear);
      city.publish(sensor, 1, 800);
      await().atMost(WAIT).until(() -> agent.readings() == 1);
      assertThat(city.latest(controller.did(), "ventilation")).isNull();

      city.publish(sensor, 2, 1240);
      await().atMost(WAIT).until(() -> "on".equals(city.latest(controller.did(), "ventilation")));

      city.publish(sensor, 3, 950);
      await().atMost(WAIT).until(() -> agent.readings() == 3);
      assertThat(city.latest(controller.did(), "ventilation")).isEqualTo("on");

      city.publish(sensor, 4, 870);
      await().atMost(WAIT).until(() -> "off".equals(city.latest(controller.did(), "ventilation")));

      assertThat(agent.switches())
          .extracting(VentilationAgent.Switch::value, VentilationAgent.Switch::ppm)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("on", 1240.0),
              org.assertj.core.groups.Tuple.tuple("off", 870.0));
      assertThat(city.commands(controller.did()))
          .allSatisfy(
              c -> assertThat(c.get("signer").asText()).isEqualTo(controller.did().toString()));
      assertThat(budget.spent()).isEqualTo(8);
      assertThat(city.market().balance(controller.did())).isEqualTo(32);
    }
  }

  @Test
  void buysNothingWhenEveryStreamOfItsRoomCostsMoreThanItsBudgetAllowsAndSaysWhy()
      throws Exception {
    Identity sensor = city.co2Sensor(PROVIDER, "meeting room 7", 35.68, 139.76);
    city.market().offer(PROVIDER, offer(sensor, 25, "CO2 of meeting room 7"));
    Identity owner = city.funded(100);
    Identity controller = city.controller(owner, "ventilation of meeting room 7");
    city.market().submit(owner, new Transfer(controller.did(), 100));
    Budget budget = new Budget(20, 100);
    long nonce = city.market().nextNonce(controller.did());

    try (VentilationAgent agent = agent(controller, owner, budget, Room.named("Meeting Room 7"))) {
      agent.step(Instant.now());
      agent.step(Instant.now());

      assertThat(agent.order()).isNull();
      assertThat(agent.status()).startsWith("bought nothing").contains("25 tokens");
      assertThat(budget.spent()).isZero();
      assertThat(city.market().balance(controller.did())).isEqualTo(100);
      assertThat(city.market().nextNonce(controller.did())).isEqualTo(nonce);
    }
  }

  @Test
  void resumesItsLicenseAfterTheNodeRestartedWithoutBuyingAgain(@TempDir Path own)
      throws Exception {
    int port = freePort();
    Node first = Node.start(NodeConfig.defaults(own).withPorts(port, 0), Clock.systemUTC());
    City before = new City(first);
    Identity sensor = before.co2Sensor(PROVIDER, "room 21", 48.85, 2.35);
    before.market().offer(PROVIDER, offer(sensor, 10, "CO2 of room 21"));
    Identity owner = before.funded(100);
    Identity controller = before.controller(owner, "ventilation of room 21");
    before.market().submit(owner, new Transfer(controller.did(), 40));
    Budget budget = new Budget(20, 40);
    VentilationAgent agent =
        new VentilationAgent(
            before.market(),
            VentilationAgent.Config.of(controller, owner.did(), budget, Room.named("room 21")),
            RecipientKey.generate(),
            Clock.systemUTC());
    agent.step(Instant.now());
    await().atMost(WAIT).until(agent::receiving);
    String order = agent.order();

    first.close();
    await().atMost(WAIT).until(() -> !agent.receiving());
    try (Node second = Node.start(NodeConfig.defaults(own).withPorts(port, 0), Clock.systemUTC());
        agent) {
      City after = new City(second);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                agent.step(Instant.now());
                return agent.receiving();
              });
      after.publish(sensor, 1, 1500);
      await().atMost(WAIT).until(() -> "on".equals(after.latest(controller.did(), "ventilation")));

      assertThat(agent.order()).isEqualTo(order);
      assertThat(budget.spent()).isEqualTo(10);
      assertThat(after.market().balance(controller.did())).isEqualTo(30);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static VentilationAgent agent(
      Identity controller, Identity owner, Budget budget, Room room) {
    return new VentilationAgent(
        city.market(),
        VentilationAgent.Config.of(controller, owner.did(), budget, room),
        RecipientKey.generate(),
        Clock.systemUTC());
  }

  private static CreateOffer offer(Identity sensor, long price, String title) {
    return new CreateOffer(
        Product.stream(sensor.did(), Duration.ofDays(1)),
        price,
        0,
        0,
        3_600_000,
        UsagePolicy.forPurposes("ventilation-control", "research"),
        title,
        "CO2 every minute",
        List.of("co2"));
  }
}
