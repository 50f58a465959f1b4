package io.msec.node;

import static io.msec.node.TestDevices.post;
import static io.msec.node.TestDevices.reading;
import static io.msec.node.TestDevices.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.ContentKey;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.market.Product;
import io.msec.market.Rate;
import io.msec.market.RevokeLicense;
import io.msec.market.Settle;
import io.msec.market.crypto.BundleCheck;
import io.msec.market.crypto.Bundles;
import io.msec.market.crypto.EncryptedReading;
import io.msec.market.crypto.Grant;
import io.msec.market.crypto.RecipientKey;
import io.msec.market.delivery.SignedReading;
import io.msec.node.chain.AnchorPolicy;
import io.msec.node.market.MarketService;
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
 * The marketplace on a running node, over HTTP as providers and buyers use it: encrypted streams to
 * licensees only, bundles with proofs, access checks, settlement and ratings.
 */
class MarketDeliveryTest {
  static final Identity PROVIDER = Identity.generate();
  @TempDir static Path dir;
  static Node node;
  static String api;

  @BeforeAll
  static void start() throws Exception {
    node =
        Node.start(
            NodeConfig.defaults(dir)
                .withPorts(0, 0)
                .withAnchor(new AnchorPolicy(5, Duration.ofSeconds(1)))
                .withMarket(new MarketService.Config(3_600_000, 500)),
            Clock.systemUTC());
    api = node.httpUrl() + "/api/v1";
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static Identity device() throws Exception {
    Identity device = Identity.generate();
    HttpResponse<String> r =
        post(api + "/devices", TestDevices.bytes(TestDevices.registration(api, PROVIDER, device)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return device;
  }

  private static Identity funded(long tokens) throws Exception {
    Identity buyer = Identity.generate();
    TestMarket.mint(api, node.keys().treasury(), buyer.did(), tokens);
    return buyer;
  }

  private static void publish(Identity device, long seq, double co2) throws Exception {
    HttpResponse<String> r =
        post(
            api + "/readings",
            signed(device, reading(device, seq, Instant.now().minusSeconds(5), co2, "[ppm]")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  private static TestMarket.Event next(BlockingQueue<TestMarket.Event> events, String name)
      throws InterruptedException {
    return next(events, name, new ArrayList<>());
  }

  /** The next event named {@code name}; grants met on the way are added to {@code grants}. */
  private static TestMarket.Event next(
      BlockingQueue<TestMarket.Event> events, String name, List<Grant> grants)
      throws InterruptedException {
    while (true) {
      TestMarket.Event e = events.poll(20, TimeUnit.SECONDS);
      assertThat(e).as("an event '" + name + "'").isNotNull();
      if (e.name().equals(name)) {
        return e;
      }
      if (e.name().equals("grant")) {
        try {
          grants.add(Grant.fromJson(Json.mapper().readTree(e.data())));
        } catch (java.io.IOException x) {
          throw new IllegalStateException(x);
        }
      }
    }
  }

  private static Reading open(EncryptedReading er, List<Grant> grants, RecipientKey key) {
    for (Grant g : grants) {
      if (g.epoch() == er.epoch() && g.device().equals(er.device())) {
        byte[] plain = er.open(g.unwrap(key));
        try {
          JsonNode form = Json.mapper().readTree(plain);
          return SignedReading.verify(form, er.device());
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new MsecException("no-grant", "no grant for epoch " + er.epoch());
  }

  private static void assertSupplyHolds() {
    long balances =
        node.ledger().entries("account/").stream()
            .mapToLong(e -> ((io.msec.ledger.Account) e).balance())
            .sum();
    assertThat(balances + node.market().market().escrowHeld())
        .isEqualTo(node.ledger().totalSupply());
  }

  @Test
  void streamsEncryptedSignedReadingsToLicenseesAndARevokedBuyerOpensNothingPublishedAfter()
      throws Exception {
    Identity device = device();
    Identity alice = funded(100);
    Identity bob = funded(100);
    RecipientKey aliceKey = RecipientKey.generate();
    RecipientKey bobKey = RecipientKey.generate();
    String offer =
        TestMarket.ok(api, PROVIDER, TestMarket.offer(TestMarket.stream(device), 10, 0, 60));
    String aliceOrder = TestMarket.ok(api, alice, TestMarket.buy(offer, aliceKey, 10));
    String bobOrder = TestMarket.ok(api, bob, TestMarket.buy(offer, bobKey, 10));
    BlockingQueue<TestMarket.Event> aliceEvents =
        TestMarket.subscribe(api, alice, aliceOrder, "research");
    BlockingQueue<TestMarket.Event> bobEvents =
        TestMarket.subscribe(api, bob, bobOrder, "research");
    List<Grant> aliceGrants = new ArrayList<>();
    List<Grant> bobGrants = new ArrayList<>();
    aliceGrants.add(Grant.fromJson(Json.mapper().readTree(next(aliceEvents, "grant").data())));
    bobGrants.add(Grant.fromJson(Json.mapper().readTree(next(bobEvents, "grant").data())));

    publish(device, 1, 612);
    EncryptedReading toAlice =
        EncryptedReading.fromJson(
            Json.mapper().readTree(next(aliceEvents, "reading", aliceGrants).data()));
    EncryptedReading toBob =
        EncryptedReading.fromJson(
            Json.mapper().readTree(next(bobEvents, "reading", bobGrants).data()));
    assertThat(open(toAlice, aliceGrants, aliceKey).properties().get("co2").value()).isEqualTo(612);
    assertThat(open(toBob, bobGrants, bobKey).properties().get("co2").value()).isEqualTo(612);

    TestMarket.ok(api, PROVIDER, new RevokeLicense(aliceOrder, "terms breached"));
    publish(device, 2, 1450);
    EncryptedReading second =
        EncryptedReading.fromJson(
            Json.mapper().readTree(next(bobEvents, "reading", bobGrants).data()));

    assertThat(second.epoch()).isGreaterThan(toBob.epoch());
    assertThat(open(second, bobGrants, bobKey).properties().get("co2").value()).isEqualTo(1450);
    assertThatThrownBy(() -> open(second, aliceGrants, aliceKey)).isInstanceOf(MsecException.class);
    for (Grant g : aliceGrants) {
      ContentKey k = g.unwrap(aliceKey);
      assertThatThrownBy(() -> second.open(k)).isInstanceOf(MsecException.class);
    }
    assertThat(next(aliceEvents, "end").data()).contains("no longer valid");
    assertThat(aliceEvents.stream().filter(e -> e.name().equals("reading")).count()).isZero();
    assertThat(TestMarket.balance(api, alice.did())).isEqualTo(100);
    assertSupplyHolds();
  }

  @Test
  void deliversAHistoryBundleThatOnlyItsBuyerOpensAndChecksThenSettlesAndIsRatedOnce()
      throws Exception {
    Identity device = device();
    for (int seq = 1; seq <= 8; seq++) {
      publish(device, seq, 500 + seq);
    }
    Identity buyer = funded(50);
    RecipientKey key = RecipientKey.generate();
    Product window =
        Product.history(
            device.did(),
            Instant.now()
                .minus(Duration.ofHours(1))
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
            Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    String offer = TestMarket.ok(api, PROVIDER, TestMarket.offer(window, 20, 1, 60));
    String order = TestMarket.ok(api, buyer, TestMarket.buy(offer, key, 20));
    long providerBefore = TestMarket.balance(api, PROVIDER.did());

    HttpResponse<byte[]> r = TestMarket.delivery(api, buyer, order, "bundle", "research");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(TestMarket.problem(TestMarket.delivery(api, buyer, order, "stream", "research")))
        .containsEntry("code", "wrong-product");
    ObjectNode bundle = Bundles.open(r.body(), key, order);
    assertThat(BundleCheck.check(bundle, node.ledger().sequencerKey()).valid()).isTrue();
    assertThat(bundle.get("readings")).hasSize(8);
    assertThatThrownBy(() -> Bundles.open(r.body(), RecipientKey.generate(), order))
        .isInstanceOf(MsecException.class);
    byte[] flipped = r.body().clone();
    flipped[flipped.length / 2] ^= 1;
    assertThatThrownBy(() -> Bundles.open(flipped, key, order)).isInstanceOf(MsecException.class);
    ObjectNode payload = (ObjectNode) bundle.get("readings").get(3).get("envelope").get("payload");
    ((ObjectNode) payload.get("properties").get("co2")).put("value", 400);
    assertThat(BundleCheck.check(bundle, node.ledger().sequencerKey()).valid()).isFalse();

    TestMarket.ok(api, buyer, new Settle(order));
    TestMarket.ok(api, buyer, new Rate(order, 5, "complete and on time"));
    HttpResponse<String> again = TestMarket.submit(api, buyer, new Rate(order, 1, null));

    String events = TestDevices.get(api + "/ledger/events?order=" + order).body();
    var checker =
        new io.msec.verify.Checker(
            io.msec.verify.FspModel.load(Path.of("..", "models", "purchase.fsp")));
    var trace = checker.checkTrace("PURCHASE", new java.io.StringReader(events));
    String settledTwice = events + "{\"seq\":99,\"action\":\"ledger.settle\"}\n";

    assertThat(events.lines())
        .extracting(l -> Json.mapper().readTree(l).get("action").asText())
        .containsExactly(
            "buyer.order",
            "ledger.escrow",
            "provider.license",
            "provider.deliver",
            "buyer.confirm",
            "ledger.settle",
            "order.closed");
    assertThat(trace.accepted()).as(trace.toString()).isTrue();
    assertThat(checker.checkTrace("PURCHASE", new java.io.StringReader(settledTwice)).accepted())
        .isFalse();
    assertThat(TestMarket.balance(api, PROVIDER.did())).isEqualTo(providerBefore + 20);
    assertThat(Json.mapper().readTree(again.body()).get("code").asText())
        .isEqualTo("already-rated");
    JsonNode ranking = Json.mapper().readTree(TestDevices.get(api + "/market/reputation").body());
    JsonNode mine = null;
    for (JsonNode p : ranking.get("providers")) {
      if (p.get("provider").asText().equals(PROVIDER.did().toString())) {
        mine = p;
      }
    }
    assertThat(mine).as(ranking.toString()).isNotNull();
    assertThat(mine.get("ratings").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(mine.get("quality").get("stored").asLong()).isGreaterThanOrEqualTo(8);
    assertSupplyHolds();
  }

  @Test
  void refusesDeliveryForAnotherPurposeAnotherCallerOrNoSignature() throws Exception {
    Identity device = device();
    Identity buyer = funded(10);
    RecipientKey key = RecipientKey.generate();
    String offer =
        TestMarket.ok(api, PROVIDER, TestMarket.offer(TestMarket.stream(device), 5, 0, 60));
    String order = TestMarket.ok(api, buyer, TestMarket.buy(offer, key, 5));

    HttpResponse<byte[]> marketing = TestMarket.delivery(api, buyer, order, "grants", "marketing");
    HttpResponse<byte[]> stranger =
        TestMarket.delivery(api, Identity.generate(), order, "grants", "research");
    HttpResponse<byte[]> wrongKind = TestMarket.delivery(api, buyer, order, "bundle", "research");
    HttpResponse<String> unsigned =
        TestDevices.get(api + "/market/licenses/" + order + "/grants?purpose=research");
    HttpResponse<byte[]> granted = TestMarket.delivery(api, buyer, order, "grants", "research");
    HttpResponse<byte[]> plainStream = TestMarket.delivery(api, buyer, order, "stream", "research");

    assertThat(TestMarket.problem(marketing))
        .containsEntry("code", "purpose-not-allowed")
        .containsEntry("status", "403");
    assertThat(TestMarket.problem(stranger)).containsEntry("code", "not-buyer");
    assertThat(TestMarket.problem(wrongKind)).containsEntry("code", "wrong-product");
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(granted.statusCode()).isEqualTo(200);
    assertThat(TestMarket.problem(plainStream))
        .containsEntry("code", "not-acceptable")
        .containsEntry("status", "406");
    assertThat(Json.mapper().readTree(granted.body())).hasSize(1);
  }

  private static String code(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body()).path("code").asText();
  }

  @Test
  void refusesBadPurchasesWithClearCodesAndChangesNothing() throws Exception {
    Identity device = device();
    Identity poor = funded(4);
    RecipientKey key = RecipientKey.generate();
    String offer =
        TestMarket.ok(api, PROVIDER, TestMarket.offer(TestMarket.stream(device), 5, 0, 60));
    String withdrawn =
        TestMarket.ok(api, PROVIDER, TestMarket.offer(TestMarket.stream(device), 1, 0, 60));
    TestMarket.ok(api, PROVIDER, new io.msec.market.WithdrawOffer(withdrawn));
    long supply = node.ledger().totalSupply();
    long held = node.market().market().escrowHeld();

    HttpResponse<String> broke = TestMarket.submit(api, poor, TestMarket.buy(offer, key, 5));
    HttpResponse<String> own = TestMarket.submit(api, PROVIDER, TestMarket.buy(offer, key, 5));
    HttpResponse<String> gone = TestMarket.submit(api, poor, TestMarket.buy(withdrawn, key, 1));
    HttpResponse<String> marketing =
        TestMarket.submit(
            api, poor, new io.msec.market.Buy(offer, "marketing", null, key.publicKey(), 5));
    HttpResponse<String> cheaper = TestMarket.submit(api, poor, TestMarket.buy(offer, key, 3));
    HttpResponse<String> unknown =
        TestMarket.submit(api, poor, TestMarket.buy("ab".repeat(32), key, 5));

    assertThat(code(broke)).isEqualTo("insufficient-funds");
    assertThat(broke.statusCode()).isEqualTo(409);
    assertThat(code(own)).isEqualTo("own-offer");
    assertThat(code(gone)).isEqualTo("offer-withdrawn");
    assertThat(code(marketing)).isEqualTo("purpose-not-allowed");
    assertThat(code(cheaper)).isEqualTo("price-changed");
    assertThat(code(unknown)).isEqualTo("offer-not-found");
    assertThat(TestMarket.balance(api, poor.did())).isEqualTo(4);
    assertThat(node.ledger().totalSupply()).isEqualTo(supply);
    assertThat(node.market().market().escrowHeld()).isEqualTo(held);
    assertSupplyHolds();
  }

  @Test
  void sellsTheLastUnitToOneOfTwoRacingBuyers() throws Exception {
    Identity device = device();
    Identity first = funded(10);
    Identity second = funded(10);
    RecipientKey key = RecipientKey.generate();
    String offer =
        TestMarket.ok(api, PROVIDER, TestMarket.offer(TestMarket.stream(device), 7, 1, 60));
    byte[] a =
        TestDevices.bytes(
            io.msec.ledger.TransactionBuilder.sign(
                    first, TestDevices.nextNonce(api, first), TestMarket.buy(offer, key, 7))
                .toJson());
    byte[] b =
        TestDevices.bytes(
            io.msec.ledger.TransactionBuilder.sign(
                    second, TestDevices.nextNonce(api, second), TestMarket.buy(offer, key, 7))
                .toJson());

    var ra = java.util.concurrent.CompletableFuture.supplyAsync(() -> postQuietly(a));
    var rb = java.util.concurrent.CompletableFuture.supplyAsync(() -> postQuietly(b));
    List<HttpResponse<String>> answers = List.of(ra.join(), rb.join());

    assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
    HttpResponse<String> loser =
        answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
    assertThat(code(loser)).isEqualTo("sold-out");
    assertThat(node.market().market().offer(offer).orElseThrow().sold()).isEqualTo(1);
    assertThat(TestMarket.balance(api, first.did()) + TestMarket.balance(api, second.did()))
        .isEqualTo(13);
    assertSupplyHolds();
  }

  private static HttpResponse<String> postQuietly(byte[] tx) {
    try {
      return post(api + "/ledger/transactions", tx);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aStreamReadingAlteredOnTheWayFailsTheBuyersCheck() throws Exception {
    Identity device = device();
    Identity buyer = funded(10);
    RecipientKey key = RecipientKey.generate();
    String offer =
        TestMarket.ok(api, PROVIDER, TestMarket.offer(TestMarket.stream(device), 2, 0, 60));
    String order = TestMarket.ok(api, buyer, TestMarket.buy(offer, key, 2));
    BlockingQueue<TestMarket.Event> events = TestMarket.subscribe(api, buyer, order, "research");
    List<Grant> grants = new ArrayList<>();
    grants.add(Grant.fromJson(Json.mapper().readTree(next(events, "grant").data())));
    publish(device, 1, 830);
    EncryptedReading er =
        EncryptedReading.fromJson(Json.mapper().readTree(next(events, "reading").data()));
    ContentKey k = grants.get(0).unwrap(key);
    byte[] ct = er.ct();
    ct[ct.length - 20] ^= 1;
    EncryptedReading flipped = new EncryptedReading(er.device(), er.epoch(), er.seq(), ct);
    ObjectNode form = (ObjectNode) Json.mapper().readTree(er.open(k));
    ((ObjectNode) form.get("payload").get("properties").get("co2")).put("value", 400);
    EncryptedReading forged =
        EncryptedReading.seal(
            k, er.epoch(), er.device(), er.seq(), io.msec.core.CanonicalJson.bytes(form));

    assertThat(open(er, grants, key).properties().get("co2").value()).isEqualTo(830);
    assertThatThrownBy(() -> open(flipped, grants, key))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("bad-ciphertext"));
    assertThatThrownBy(() -> open(forged, grants, key))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("bad-signature"));
  }
}
