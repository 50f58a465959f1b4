package io.msec.node.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.ContentKey;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.ledger.Mint;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.TransactionBuilder;
import io.msec.ledger.TransferDevice;
import io.msec.market.CreateOffer;
import io.msec.market.MarketCodes;
import io.msec.market.Product;
import io.msec.market.UsagePolicy;
import io.msec.market.client.Budget;
import io.msec.market.client.BundleResult;
import io.msec.market.client.MarketClient;
import io.msec.market.client.Subscription;
import io.msec.market.client.VerifiedReading;
import io.msec.market.crypto.AccessToken;
import io.msec.market.crypto.Grant;
import io.msec.market.crypto.RecipientKey;
import io.msec.node.Node;
import io.msec.node.NodeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buyer's and provider's SDK against a running node: offers, purchases, streams decrypted and
 * checked reading by reading, bundles checked against the ledger, settlement, ratings, use policy
 * checked on the client and budgets of buyers that buy on their own.
 */
class MarketClientTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Identity PROVIDER = Identity.generate();

  @TempDir static Path dir;
  static Node node;
  static MarketClient market;

  @BeforeAll
  static void start() {
    node = Node.start(NodeConfig.defaults(dir).withPorts(0, 0), Clock.systemUTC());
    market = new MarketClient(URI.create(node.httpUrl()));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void movesEveryAmountWhenClientsOfOneAccountTransferTheSameAtOnce() throws Exception {
    Identity payer = funded(node, market, 100);
    Identity payee = Identity.generate();
    // The same operation with the same nonce is the same transaction: the node says so.
    String tx =
        TransactionBuilder.sign(payer, 1, new io.msec.ledger.Transfer(payee.did(), 1))
            .toJson()
            .toString();
    HttpResponse<String> first = postTx(tx);
    HttpResponse<String> again = postTx(tx);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(Json.mapper().readTree(again.body()).get("repeated").asBoolean()).isTrue();

    // Separate clients, as separate processes are, each sign with the nonce they read.
    int clients = 4;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(clients);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<JsonNode>> done = new java.util.ArrayList<>();
    for (int i = 0; i < clients; i++) {
      MarketClient own = new MarketClient(URI.create(node.httpUrl()));
      done.add(
          pool.submit(
              () -> {
                go.await();
                return own.submit(payer, new io.msec.ledger.Transfer(payee.did(), 5));
              }));
    }
    go.countDown();
    for (java.util.concurrent.Future<JsonNode> f : done) {
      assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS).path("repeated").asBoolean())
          .isFalse();
    }
    pool.shutdown();

    assertThat(market.balance(payee.did())).isEqualTo(1 + clients * 5);
    assertThat(market.balance(payer.did())).isEqualTo(100 - 1 - clients * 5);
  }

  private static HttpResponse<String> postTx(String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(node.httpUrl() + "/api/v1/ledger/transactions"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void streamsReadingsThatTheBuyerDecryptsAndChecksAgainstTheDeviceSignature() throws Exception {
    Identity device = registered(node, market);
    Identity buyer = funded(node, market, 100);
    RecipientKey key = RecipientKey.generate();
    String offer = market.offer(PROVIDER, offer(Product.stream(device.did(), Duration.ofDays(7))));
    String order = market.buy(buyer, offer, "research", null, key, 10);
    List<VerifiedReading> received = new CopyOnWriteArrayList<>();

    try (Subscription sub = market.subscribe(buyer, order, "research", key, received::add)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> sub.grants() >= 1);
      for (int seq = 1; seq <= 3; seq++) {
        publish(node, device, seq, Instant.now().minusSeconds(5), 600 + seq);
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 3);

      assertThat(received)
          .extracting(r -> r.reading().seq(), r -> r.reading().properties().get("co2").value())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1L, 601.0),
              org.assertj.core.groups.Tuple.tuple(2L, 602.0),
              org.assertj.core.groups.Tuple.tuple(3L, 603.0));
      assertThat(received)
          .allSatisfy(r -> assertThat(r.reading().device()).isEqualTo(device.did()));
      assertThat(sub.failures()).isZero();
    }
    assertThat(market.balance(buyer.did())).isEqualTo(90);
  }

  @Test
  void countsEveryReadingAsAFailureWithItsReasonWhenTheRecipientKeyIsNotTheLicensees()
      throws Exception {
    Identity device = registered(node, market);
    Identity buyer = funded(node, market, 100);
    RecipientKey bought = RecipientKey.generate();
    String offer = market.offer(PROVIDER, offer(Product.stream(device.did(), Duration.ofDays(1))));
    String order = market.buy(buyer, offer, "research", null, bought, 10);
    List<VerifiedReading> received = new CopyOnWriteArrayList<>();

    try (Subscription sub =
        market.subscribe(buyer, order, "research", RecipientKey.generate(), received::add)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> sub.failures() >= 1);
      publish(node, device, 1, Instant.now().minusSeconds(5), 640);
      await().atMost(Duration.ofSeconds(20)).until(() -> sub.failuresByReason().size() == 2);

      assertThat(sub.failuresByReason()).containsKeys("bad-ciphertext", "no-grant");
      assertThat(sub.grants()).isZero();
      assertThat(received).isEmpty();
    }
  }

  @Test
  void opensTheReadingsOfASealedDeviceWithTheGrantItsOwnerRelayed() throws Exception {
    Identity device = registered(node, market);
    Identity buyer = funded(node, market, 100);
    RecipientKey key = RecipientKey.generate();
    String offer = market.offer(PROVIDER, offer(Product.stream(device.did(), Duration.ofDays(1))));
    String order = market.buy(buyer, offer, "research", null, key, 10);
    ContentKey epochKey = ContentKey.generate();
    publishSealed(device, 1, 480, epochKey);
    Grant grant = Grant.wrap(epochKey, key.publicKey(), order, device.did(), 7, 0);
    HttpResponse<String> relayed =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.httpUrl() + "/api/v1/market/grants"))
                .header("Content-Type", "application/json")
                .header(
                    "Authorization",
                    AccessToken.header(PROVIDER, order, "grant", System.currentTimeMillis()))
                .POST(HttpRequest.BodyPublishers.ofString(grant.toJson().toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(relayed.statusCode()).as(relayed.body()).isEqualTo(202);
    List<VerifiedReading> received = new CopyOnWriteArrayList<>();

    try (Subscription sub = market.subscribe(buyer, order, "research", key, received::add)) {
      await().atMost(Duration.ofSeconds(20)).until(() -> sub.grants() >= 1);
      publishSealed(device, 2, 490, epochKey);
      await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);

      VerifiedReading r = received.get(0);
      assertThat(r.epoch()).isEqualTo(7);
      assertThat(r.reading().isSealed()).isFalse();
      assertThat(r.reading().seq()).isEqualTo(2);
      assertThat(r.reading().properties().get("co2").value()).isEqualTo(490.0);
      assertThat(sub.failures()).isZero();
    }
  }

  @Test
  void fetchesAHistoryBundleCheckedAgainstTheLedgerThenSettlesAndRates() throws Exception {
    Identity device = registered(node, market);
    Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    for (int seq = 1; seq <= 5; seq++) {
      publish(node, device, seq, start.plusSeconds(60L * seq), 500 + seq);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> node.store().lastSeq(device.did()) == 5);
    Identity buyer = funded(node, market, 50);
    RecipientKey key = RecipientKey.generate();
    String offer =
        market.offer(
            PROVIDER, offer(Product.history(device.did(), start, start.plus(Duration.ofHours(1)))));
    String order = market.buy(buyer, offer, "research", null, key, 10);
    long providerBefore = market.balance(PROVIDER.did());

    BundleResult bundle = market.fetchBundle(buyer, order, "research", key);
    market.settle(buyer, order);
    market.rate(buyer, order, 4, "complete and on time");

    assertThat(bundle.readings())
        .extracting(Reading::seq, r -> r.properties().get("co2").value())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, 501.0),
            org.assertj.core.groups.Tuple.tuple(2L, 502.0),
            org.assertj.core.groups.Tuple.tuple(3L, 503.0),
            org.assertj.core.groups.Tuple.tuple(4L, 504.0),
            org.assertj.core.groups.Tuple.tuple(5L, 505.0));
    assertThat(market.balance(PROVIDER.did())).isEqualTo(providerBefore + 10);
    JsonNode o = market.order(order);
    assertThat(o.path("escrow").path("state").asText()).isEqualTo("settled");
    assertThat(o.path("rating").path("score").asInt()).isEqualTo(4);
    assertThat(market.orders(buyer.did())).hasSize(1);
    assertThatThrownBy(() -> market.rate(buyer, order, 5, null))
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo(MarketCodes.ALREADY_RATED);
  }

  @Test
  void refusesAPurposeTheLicenseDoesNotAllowWithoutAskingTheNode(@TempDir Path own)
      throws Exception {
    Node alone = Node.start(NodeConfig.defaults(own).withPorts(0, 0), Clock.systemUTC());
    MarketClient client = new MarketClient(URI.create(alone.httpUrl()));
    Identity device = registered(alone, client);
    Identity buyer = funded(alone, client, 50);
    RecipientKey key = RecipientKey.generate();
    Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    String offer =
        client.offer(PROVIDER, offer(Product.history(device.did(), start, start.plusSeconds(60))));
    String order = client.buy(buyer, offer, "research", null, key, 10);

    alone.close();

    client.checkUse(order, "research");
    assertThatThrownBy(() -> client.checkUse(order, "marketing"))
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo(MarketCodes.PURPOSE_NOT_ALLOWED);
    assertThatThrownBy(() -> client.fetchBundle(buyer, order, "marketing", key))
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo(MarketCodes.PURPOSE_NOT_ALLOWED);
    assertThatThrownBy(() -> client.subscribe(buyer, order, "marketing", key, r -> {}))
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo(MarketCodes.PURPOSE_NOT_ALLOWED);
    assertThatThrownBy(() -> client.fetchBundle(buyer, order, "research", key))
        .hasMessageEndingWith(": connection refused")
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("node-unreachable");
  }

  @Test
  void aBudgetRefusesPurchasesOverItsCapsBeforeAnythingIsSignedAndRecordsWhatItPaid()
      throws Exception {
    Identity device = registered(node, market);
    Identity sensor = funded(node, market, 100);
    RecipientKey key = RecipientKey.generate();
    Budget budget = new Budget(10, 15);
    String cheap = market.offer(PROVIDER, offer(Product.stream(device.did(), Duration.ofDays(1))));
    String dear =
        market.offer(
            PROVIDER,
            new CreateOffer(
                Product.stream(device.did(), Duration.ofDays(2)),
                12,
                0,
                0,
                3_600_000,
                UsagePolicy.forPurposes("ventilation-control"),
                "CO2 of room 413, premium",
                null,
                null));

    String order = market.buy(sensor, cheap, "research", null, key, budget);
    long nonceAfterFirst = market.nextNonce(sensor.did());

    assertThat(budget.spends()).containsExactly(new Budget.Spend(order, 10));
    assertThat(budget.remaining()).isEqualTo(5);
    assertThatThrownBy(() -> market.buy(sensor, dear, "ventilation-control", null, key, budget))
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo(Budget.OVER_BUDGET);
    assertThatThrownBy(() -> market.buy(sensor, cheap, "research", null, key, budget))
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo(Budget.OVER_BUDGET);
    assertThat(market.nextNonce(sensor.did())).isEqualTo(nonceAfterFirst);
    assertThat(market.balance(sensor.did())).isEqualTo(90);
    assertThat(budget.spent()).isEqualTo(10);
  }

  @Test
  void refusesToOfferAgainDataItsBuyerMayNotDistributeEvenAfterBuyingTheDevice() throws Exception {
    Identity device = registered(node, market);
    Identity buyer = funded(node, market, 100);
    CreateOffer noResale =
        new CreateOffer(
            Product.stream(device.did(), Duration.ofDays(1)),
            10,
            0,
            0,
            3_600_000,
            new UsagePolicy(Set.of("research"), null, null, true, null),
            "CO2 of room 413, not for resale",
            null,
            null);
    String offer = market.offer(PROVIDER, noResale);
    market.buy(buyer, offer, "research", null, RecipientKey.generate(), 10);
    market.submit(PROVIDER, new TransferDevice(device.did(), buyer.did()));

    assertThatThrownBy(
            () -> market.offer(buyer, offer(Product.stream(device.did(), Duration.ofDays(1)))))
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("resale-prohibited");
    assertThat(market.search(Map.of("provider", buyer.did().toString()))).isEmpty();
  }

  @Test
  void searchesTheCatalogueAndWithdrawsAnOffer() throws Exception {
    Identity device = registered(node, market);
    String offer = market.offer(PROVIDER, offer(Product.stream(device.did(), Duration.ofDays(3))));
    Map<String, String> byDevice = Map.of("device", device.did().toString());

    JsonNode found = market.search(byDevice);
    market.withdraw(PROVIDER, offer);

    assertThat(found).extracting(o -> o.path("dct:identifier").asText()).containsExactly(offer);
    assertThat(market.offer(offer).path("msec:status").asText()).isEqualTo("withdrawn");
    assertThat(market.search(byDevice)).isEmpty();
  }

  static CreateOffer offer(Product product) {
    return new CreateOffer(
        product,
        10,
        0,
        0,
        3_600_000,
        UsagePolicy.forPurposes("research"),
        "CO2 of room 413",
        "Office CO2 every minute",
        List.of("co2", "office"));
  }

  /** A CO2 sensor registered by {@link #PROVIDER} through the node's device API. */
  static Identity registered(Node on, MarketClient client) throws Exception {
    Identity device = Identity.generate();
    ObjectNode schema = Json.mapper().createObjectNode();
    schema.putObject("co2").put("unit", "[ppm]").put("min", 0).put("max", 10000);
    ObjectNode location = Json.mapper().createObjectNode().put("lat", 57.15).put("lon", -2.09);
    ObjectNode tx =
        TransactionBuilder.sign(
                PROVIDER,
                client.nextNonce(PROVIDER.did()),
                new RegisterDevice(device.did(), "co2-sensor", "room 413", location, schema))
            .toJson();
    HttpResponse<String> r = post(on, "/api/v1/devices", tx.toString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return device;
  }

  static Identity funded(Node on, MarketClient client, long tokens) {
    Identity account = Identity.generate();
    client.submit(on.keys().treasury(), new Mint(account.did(), tokens));
    return account;
  }

  static void publish(Node on, Identity device, long seq, Instant at, double co2) throws Exception {
    Reading r =
        new Reading(device.did(), seq, at, Map.of("co2", new Reading.Quantity(co2, "[ppm]")), null);
    HttpResponse<String> answer =
        post(on, "/api/v1/readings", Envelope.sign(device, r.toJson()).toJson().toString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
  }

  /** A reading of a sealed device: its properties encrypted with epoch 7's key, then signed. */
  static void publishSealed(Identity device, long seq, double co2, ContentKey epochKey)
      throws Exception {
    Reading open =
        new Reading(
            device.did(),
            seq,
            Instant.now().minusSeconds(5),
            Map.of("co2", new Reading.Quantity(co2, "[ppm]")),
            null);
    String body = Envelope.sign(device, open.seal(epochKey, 7).toJson()).toJson().toString();
    HttpResponse<String> answer = post(node, "/api/v1/readings", body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
  }

  private static HttpResponse<String> post(Node on, String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(on.httpUrl() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
