package io.msec.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.Reading;
import io.msec.ledger.TransactionBuilder;
import io.msec.market.CreateOffer;
import io.msec.market.Product;
import io.msec.market.UsagePolicy;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue as DCAT, and search by keyword, property, area, time, price and kind. */
class MarketCatalogueTest {
  static final Identity RESTAURANT = Identity.generate();
  static final Identity CITIZEN = Identity.generate();
  static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
  @TempDir static Path dir;
  static Node node;
  static String api;
  static String co2Stream;
  static String pmHistory;
  static String withdrawn;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.defaults(dir).withPorts(0, 0), Clock.systemUTC());
    api = node.httpUrl() + "/api/v1";
    Identity co2 = Identity.generate();
    Identity pm = Identity.generate();
    TestDevices.post(
        api + "/devices", TestDevices.bytes(TestDevices.registration(api, RESTAURANT, co2)));
    TestDevices.post(
        api + "/devices",
        TestDevices.bytes(
            TestDevices.pmRegistration(
                api, CITIZEN, pm, "Union Street", new Reading.Location(57.14, -2.10))));
    co2Stream =
        TestMarket.ok(
            api,
            RESTAURANT,
            new CreateOffer(
                Product.stream(co2.did(), Duration.ofDays(7)),
                12,
                0,
                0,
                3_600_000,
                UsagePolicy.forPurposes("ventilation-control"),
                "Dining room CO2",
                "Live CO2 of a restaurant's dining room",
                List.of("restaurant", "air")));
    pmHistory =
        TestMarket.ok(
            api,
            CITIZEN,
            new CreateOffer(
                Product.history(pm.did(), JAN, JAN.plus(Duration.ofDays(7))),
                40,
                0,
                0,
                3_600_000,
                UsagePolicy.forPurposes("research"),
                "A week of PM2.5 on Union Street",
                "Citizen-hosted particulate sensor",
                List.of("pm", "citizen")));
    withdrawn =
        TestMarket.ok(
            api,
            CITIZEN,
            new CreateOffer(
                Product.history(pm.did(), JAN, JAN.plus(Duration.ofDays(1))),
                5,
                0,
                0,
                3_600_000,
                UsagePolicy.forPurposes("research"),
                "One day of PM",
                "",
                List.of()));
    TestMarket.ok(api, CITIZEN, new io.msec.market.WithdrawOffer(withdrawn));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static List<String> ids(String query) throws Exception {
    HttpResponse<String> r = TestDevices.get(api + "/market/offers" + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (JsonNode d : Json.mapper().readTree(r.body())) {
      out.add(d.get("dct:identifier").asText());
    }
    return out;
  }

  @Test
  void describesAnOfferAsADcatDatasetWithItsPolicy() throws Exception {
    JsonNode d =
        Json.mapper().readTree(TestDevices.get(api + "/market/offers/" + pmHistory).body());

    assertThat(d.get("@type").asText()).isEqualTo("dcat:Dataset");
    assertThat(d.get("dct:title").asText()).isEqualTo("A week of PM2.5 on Union Street");
    assertThat(d.get("dct:publisher").asText()).isEqualTo(CITIZEN.did().toString());
    assertThat(d.get("dcat:theme")).extracting(JsonNode::asText).contains("pm25", "pm10");
    assertThat(d.get("dct:temporal").get("dcat:startDate").asText()).isEqualTo(JAN.toString());
    assertThat(d.get("dct:spatial").get("dcat:bbox").get(1).asDouble()).isEqualTo(57.14);
    assertThat(d.get("odrl:hasPolicy").get("@type").asText()).isEqualTo("Offer");
    assertThat(d.get("msec:price").asLong()).isEqualTo(40);
    assertThat(d.get("msec:status").asText()).isEqualTo("available");
  }

  @Test
  void findsOffersByKeywordPropertyAreaTimePriceAndKind() throws Exception {
    String from = URLEncoder.encode("2026-01-03T00:00:00Z", StandardCharsets.UTF_8);

    assertThat(ids("?q=restaurant")).containsExactly(co2Stream);
    assertThat(ids("?q=UNION")).containsExactly(pmHistory);
    assertThat(ids("?property=co2")).containsExactly(co2Stream);
    assertThat(ids("?property=pm25")).containsExactly(pmHistory);
    assertThat(ids("?bbox=-2.2,57.1,-2.0,57.145")).containsExactly(pmHistory);
    assertThat(ids("?bbox=10,10,11,11")).isEmpty();
    assertThat(ids("?from=" + from + "&kind=history")).containsExactly(pmHistory);
    assertThat(ids("?to=2025-06-01T00:00:00Z")).isEmpty();
    assertThat(ids("?maxPrice=20")).containsExactly(co2Stream);
    assertThat(ids("?kind=stream")).containsExactly(co2Stream);
    assertThat(ids("?provider=" + CITIZEN.did())).containsExactly(pmHistory);
  }

  @Test
  void leavesOutWithdrawnOffersUnlessAskedForAll() throws Exception {
    assertThat(ids("")).containsExactlyInAnyOrder(co2Stream, pmHistory);
    assertThat(ids("?all=true")).contains(withdrawn);
    JsonNode w =
        Json.mapper().readTree(TestDevices.get(api + "/market/offers/" + withdrawn).body());
    assertThat(w.get("msec:status").asText()).isEqualTo("withdrawn");
  }

  @Test
  void answersBadSearchesAndUnknownOffersWithProblems() throws Exception {
    HttpResponse<String> box = TestDevices.get(api + "/market/offers?bbox=1,2,3");
    HttpResponse<String> price = TestDevices.get(api + "/market/offers?maxPrice=cheap");
    HttpResponse<String> kind = TestDevices.get(api + "/market/offers?kind=movie");
    HttpResponse<String> unknown = TestDevices.get(api + "/market/offers/" + "ab".repeat(32));

    for (String bad :
        List.of(
            "bbox=NaN,NaN,NaN,NaN",
            "bbox=Infinity,0,1,1",
            "bbox=10,10,0,0",
            "bbox=-200,-100,200,100",
            "maxPrice=-1",
            "all=maybe",
            "from=2026-01-03T00:00:00Z&to=2026-01-01T00:00:00Z")) {
      HttpResponse<String> r = TestDevices.get(api + "/market/offers?" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(Json.mapper().readTree(r.body()).get("code").asText()).isEqualTo("bad-request");
    }
    // Problem documents are UTF-8, non-ASCII characters too.
    HttpResponse<String> inverted = TestDevices.get(api + "/market/offers?bbox=10,10,0,0");
    assertThat(Json.mapper().readTree(inverted.body()).get("detail").asText())
        .contains("within ±180");
    assertThat(box.statusCode()).isEqualTo(400);
    assertThat(price.statusCode()).isEqualTo(400);
    assertThat(kind.statusCode()).isEqualTo(400);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(Json.mapper().readTree(unknown.body()).get("code").asText())
        .isEqualTo("offer-not-found");
  }

  @Test
  void refusesAnOfferOfSomeoneElsesDevice() throws Exception {
    ObjectNode tx =
        TransactionBuilder.sign(
                CITIZEN,
                TestDevices.nextNonce(api, CITIZEN),
                new CreateOffer(
                    node.market().market().offer(co2Stream).orElseThrow().product(),
                    1,
                    0,
                    0,
                    60_000,
                    UsagePolicy.forPurposes("research"),
                    "Not mine",
                    "",
                    List.of()))
            .toJson();
    HttpResponse<String> r = TestDevices.post(api + "/ledger/transactions", TestDevices.bytes(tx));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(Json.mapper().readTree(r.body()).get("code").asText()).isEqualTo("not-owner");
  }

  @Test
  void theOpenApiDocumentDescribesEveryMarketRoute() throws Exception {
    JsonNode paths =
        Json.mapper().readTree(TestDevices.get(api + "/openapi.json").body()).get("paths");

    assertThat(paths.fieldNames())
        .toIterable()
        .contains(
            "/api/v1/market/offers",
            "/api/v1/market/offers/{id}",
            "/api/v1/market/orders",
            "/api/v1/market/orders/{id}",
            "/api/v1/market/licenses/{id}/grants",
            "/api/v1/market/licenses/{id}/stream",
            "/api/v1/market/licenses/{id}/bundle",
            "/api/v1/market/grants",
            "/api/v1/market/reputation",
            "/api/v1/market/earnings/{did}",
            "/api/v1/ledger/events");
  }
}
