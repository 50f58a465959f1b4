package io.msec.node;

import static io.msec.node.TestDevices.post;
import static io.msec.node.TestDevices.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.ContentKey;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.market.RevokeLicense;
import io.msec.market.client.MarketClient;
import io.msec.market.crypto.Grant;
import io.msec.market.crypto.RecipientKey;
import io.msec.market.delivery.OwnerKeyAgent;
import io.msec.market.delivery.SignedReading;
import io.msec.node.market.MarketService;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sealed device on the market: its owner's key agent grants epoch keys to licensees, the node
 * relays grants and forwards ciphertext it cannot read, and a revoked licensee cannot open what the
 * device seals after the revocation.
 */
class MarketSealedTest {
  static final Identity OWNER = Identity.generate();
  @TempDir static Path dir;
  static Node node;
  static String api;

  @BeforeAll
  static void start() {
    node =
        Node.start(
            NodeConfig.defaults(dir)
                .withPorts(0, 0)
                .withMarket(new MarketService.Config(3_600_000, 500)),
            Clock.systemUTC());
    api = node.httpUrl() + "/api/v1";
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static void publishSealed(Identity device, long seq, double co2, OwnerKeyAgent agent)
      throws Exception {
    OwnerKeyAgent.Epoch e = agent.current(device.did());
    Reading sealed =
        reading(device, seq, Instant.now().minusSeconds(5), co2, "[ppm]").seal(e.key(), e.number());
    HttpResponse<String> r =
        post(
            api + "/readings",
            Envelope.sign(device, sealed.toJson()).toJson().toString().getBytes());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  private static double open(String data, List<Grant> grants, RecipientKey key) throws Exception {
    Reading sealed = SignedReading.verify(Json.mapper().readTree(data), sealedDevice);
    for (Grant g : grants) {
      if (g.epoch() == sealed.sealed().epoch()) {
        ContentKey k = g.unwrap(key);
        return sealed.open(k).properties().get("co2").value();
      }
    }
    throw new MsecException("no-grant", "no grant for epoch " + sealed.sealed().epoch());
  }

  static io.msec.core.DidKey sealedDevice;

  private static Grant next(BlockingQueue<TestMarket.Event> events, List<Grant> grants)
      throws Exception {
    TestMarket.Event e = events.poll(20, TimeUnit.SECONDS);
    assertThat(e).isNotNull();
    if (e.name().equals("grant")) {
      Grant g = Grant.fromJson(Json.mapper().readTree(e.data()));
      grants.add(g);
      return g;
    }
    throw new AssertionError("expected a grant, got " + e.name());
  }

  private static String sealedEvent(BlockingQueue<TestMarket.Event> events, List<Grant> grants)
      throws Exception {
    while (true) {
      TestMarket.Event e = events.poll(20, TimeUnit.SECONDS);
      assertThat(e).as("a sealed reading").isNotNull();
      if (e.name().equals("grant")) {
        grants.add(Grant.fromJson(Json.mapper().readTree(e.data())));
      } else if (e.name().equals("sealed-reading")) {
        return e.data();
      }
    }
  }

  @Test
  void licenseesOpenSealedReadingsWithTheOwnersKeysAndARevokedOneOpensNothingAfter()
      throws Exception {
    Identity device = Identity.generate();
    sealedDevice = device.did();
    post(api + "/devices", TestDevices.bytes(TestDevices.registration(api, OWNER, device)));
    OwnerKeyAgent agent =
        new OwnerKeyAgent(
            new MarketClient(URI.create(node.httpUrl())),
            URI.create(node.httpUrl()),
            OWNER,
            Duration.ofHours(1),
            Clock.systemUTC());
    publishSealed(device, 1, 900, agent);
    Identity alice = Identity.generate();
    Identity bob = Identity.generate();
    TestMarket.mint(api, node.keys().treasury(), alice.did(), 10);
    TestMarket.mint(api, node.keys().treasury(), bob.did(), 10);
    RecipientKey aliceKey = RecipientKey.generate();
    RecipientKey bobKey = RecipientKey.generate();
    String offer = TestMarket.ok(api, OWNER, TestMarket.offer(TestMarket.stream(device), 3, 0, 60));
    String aliceOrder = TestMarket.ok(api, alice, TestMarket.buy(offer, aliceKey, 3));
    String bobOrder = TestMarket.ok(api, bob, TestMarket.buy(offer, bobKey, 3));
    assertThat(agent.sync()).isEqualTo(2);
    BlockingQueue<TestMarket.Event> aliceEvents =
        TestMarket.subscribe(api, alice, aliceOrder, "research");
    BlockingQueue<TestMarket.Event> bobEvents =
        TestMarket.subscribe(api, bob, bobOrder, "research");
    List<Grant> aliceGrants = new ArrayList<>();
    List<Grant> bobGrants = new ArrayList<>();
    next(aliceEvents, aliceGrants);
    next(bobEvents, bobGrants);

    publishSealed(device, 2, 1210, agent);
    assertThat(open(sealedEvent(aliceEvents, aliceGrants), aliceGrants, aliceKey)).isEqualTo(1210);
    assertThat(open(sealedEvent(bobEvents, bobGrants), bobGrants, bobKey)).isEqualTo(1210);
    assertThat(node.store().twin(device.did()).orElseThrow().toString()).doesNotContain("1210");

    TestMarket.ok(api, OWNER, new RevokeLicense(aliceOrder, "terms breached"));
    assertThat(agent.sync()).isEqualTo(1);
    publishSealed(device, 3, 1500, agent);
    String afterRevocation = sealedEvent(bobEvents, bobGrants);

    assertThat(open(afterRevocation, bobGrants, bobKey)).isEqualTo(1500);
    assertThatThrownBy(() -> open(afterRevocation, aliceGrants, aliceKey))
        .isInstanceOf(MsecException.class);
    TestMarket.Event last = aliceEvents.poll(20, TimeUnit.SECONDS);
    assertThat(last).isNotNull();
    assertThat(last.name()).as("the revoked buyer's next event").isEqualTo("end");
  }
}
