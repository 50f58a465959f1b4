package io.msec.node;

import static io.msec.node.TestDevices.registration;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.msec.core.BatchEnvelope;
import io.msec.core.CanonicalJson;
import io.msec.core.ContentKey;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.KeyFile;
import io.msec.core.Reading;
import io.msec.ledger.Mint;
import io.msec.ledger.Operation;
import io.msec.ledger.Receipt;
import io.msec.ledger.TransactionBuilder;
import io.msec.market.Buy;
import io.msec.market.CreateOffer;
import io.msec.market.Escrow;
import io.msec.market.License;
import io.msec.market.Product;
import io.msec.market.UsagePolicy;
import io.msec.market.crypto.EncryptedReading;
import io.msec.market.crypto.Grant;
import io.msec.market.crypto.RecipientKey;
import io.msec.market.delivery.SignedReading;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The market view of the dashboard in headless Chromium against a real node: the catalogue shows an
 * offer with its price and its policy in words; a buyer loads their two key files into the page,
 * which then decrypts the readings of their stream order live (HPKE grants, AES-GCM readings) and
 * checks each device signature, opens and checks the bundle of their history order; the provider's
 * page shows the sales. The page's HPKE is also checked directly against grants made in Java.
 */
class MarketDashboardTest {
  private static final Path CATALOGUE_SHOT = Path.of("target", "dashboard-market.png");
  private static final Path PURCHASES_SHOT = Path.of("target", "dashboard-market-purchases.png");
  private static final Path SALES_SHOT = Path.of("target", "dashboard-market-sales.png");
  private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
  private static final String PURPOSE = "research";
  private static final long STREAM_PRICE = 25;
  private static final long HISTORY_PRICE = 10;
  private static final int HISTORY_READINGS = 5;

  @TempDir Path dir;
  private Node node;
  private HeadlessChromium browser;

  @BeforeEach
  void requireChromium() {
    assertThat(Files.isExecutable(DashboardBrowserTest.CHROMIUM))
        .as("the dashboard test needs Chromium at %s", DashboardBrowserTest.CHROMIUM)
        .isTrue();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void buyerSeesTheOfferDecryptsAndVerifiesLiveReadingsAndTheBundleAndProviderSeesTheSales()
      throws Exception {
    node = Node.start(NodeConfig.defaults(dir.resolve("node")).withPorts(0, 0), Clock.systemUTC());
    String api = node.httpUrl() + "/api/v1";
    Identity provider = Identity.generate();
    Identity device = Identity.generate();
    Identity buyer = Identity.generate();
    RecipientKey recipient = RecipientKey.generate();
    HttpResponse<String> registered =
        TestDevices.post(api + "/devices", bytes(registration(api, provider, device)));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant first = start.minus(Duration.ofMinutes(50));
    ingestHistory(api, device, first);
    commit(node.keys().treasury(), new Mint(buyer.did(), 1_000));

    String streamOffer = commit(provider, streamOffer(device));
    String historyOffer =
        commit(provider, historyOffer(device, first.minusSeconds(60), start.minusSeconds(60)));
    String streamOrder =
        commit(buyer, new Buy(streamOffer, PURPOSE, "GB", recipient.publicKey(), STREAM_PRICE));

    browser =
        HeadlessChromium.open(
            DashboardBrowserTest.CHROMIUM, node.httpUrl() + "/#market", dir.resolve("chromium"));

    String offer = "li.offer[data-offer='" + streamOffer + "']";
    awaitText(offer + " .offer-title", "CO2 and temperature in room 413, live");
    assertThat(browser.text(offer + " .offer-price")).isEqualTo("25 tokens");
    assertThat(browser.text(offer + " .policy [data-term='purpose']"))
        .isEqualTo("Use for research or ventilation control only");
    assertThat(browser.text(offer + " .policy [data-term='validity']"))
        .isEqualTo("License valid 30 days after purchase");
    assertThat(browser.text(offer + " .policy [data-term='regions']"))
        .isEqualTo("Use only in GB or JP");
    assertThat(browser.text(offer + " .policy [data-term='resale']"))
        .isEqualTo("No resale or redistribution");
    assertThat(browser.text(offer + " .policy [data-term='attribution']"))
        .isEqualTo("Attribute: “Aberdeen citizen sensors, ODbL”");
    assertThat(browser.text(offer + " [data-field='reputation'] dd"))
        .isEqualTo(reputationShown(api, provider));
    assertThat(browser.eval("document.querySelectorAll('li.offer').length")).isEqualTo("2");
    for (String[] narrowing :
        List.of(
            new String[] {"#search-kind", "history"},
            new String[] {"#search-max", "20"},
            new String[] {"#search-q", "last hour"})) {
      search(narrowing[0], narrowing[1]);
      awaitEval("document.querySelectorAll('li.offer').length", "1");
      assertThat(browser.eval("document.querySelector('li.offer').dataset.offer"))
          .as("search %s=%s", narrowing[0], narrowing[1])
          .isEqualTo(historyOffer);
      search(narrowing[0], "");
      awaitEval("document.querySelectorAll('li.offer').length", "2");
    }

    loadKeyFile("#account-key-file", accountKeyFile(buyer));
    loadKeyFile("#recipient-key-file", recipientKeyFile(recipient));
    awaitText("#account-key-state", "account " + shortDid(buyer));
    awaitEval("document.querySelector('#recipient-key-state').dataset.state", "ok");
    String historyCard = "li.offer[data-offer='" + historyOffer + "']";
    click(historyCard + " button.buy-run");
    awaitEval("document.querySelector(\"" + historyCard + " .buy-note\").dataset.state", "ok");
    String historyOrder =
        browser.eval("document.querySelector(\"" + historyCard + " .buy-note\").dataset.order");
    License bought = node.market().market().order(historyOrder).orElseThrow().license();
    assertThat(bought.buyer()).isEqualTo(buyer.did());
    assertThat(bought.recipient()).isEqualTo(recipient.publicKey());
    assertThat(bought.purpose()).isEqualTo(PURPOSE);
    browser.screenshot(CATALOGUE_SHOT);
    browser.eval("location.hash = '#market/purchases'");
    String streamRow = "#order-rows tr[data-order='" + streamOrder + "']";
    awaitText(streamRow + " [data-field='escrow']", "held · 25 tokens");
    assertThat(browser.text(streamRow + " [data-field='purpose']")).startsWith("research");
    click(streamRow + " button.order-action");
    awaitEval("document.querySelector('#live-state').dataset.state", "ok");

    long seq = HISTORY_READINGS;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Reading single = reading(device, ++seq, now.minusSeconds(3), 812.5, 21.25);
    List<Reading> batch =
        List.of(
            reading(device, ++seq, now.minusSeconds(2), 790, 21.5),
            reading(device, ++seq, now.minusSeconds(1), 1033.75, 22));
    accept(post(api + "/readings", Envelope.sign(device, single.toJson()).toJson().toString()));
    accept(post(api + "/readings", signedBatch(device, batch)));

    awaitLive(single.seq(), "CO₂ 812.5 ppm · Temperature 21.25 °C");
    awaitLive(batch.get(0).seq(), "CO₂ 790 ppm · Temperature 21.5 °C");
    awaitLive(batch.get(1).seq(), "CO₂ 1033.75 ppm · Temperature 22 °C");
    assertThat(browser.eval("document.querySelectorAll('#live-readings li').length"))
        .as("only readings published after subscribing")
        .isEqualTo("3");
    assertThat(browser.text("#live-verified")).isEqualTo("3");
    assertThat(browser.text("#live-failures")).isEqualTo("0");
    assertThat(browser.eval("document.querySelectorAll('#live-chart .point.verified').length"))
        .isEqualTo("3");

    String historyRow = "#order-rows tr[data-order='" + historyOrder + "']";
    click(historyRow + " button.order-action");
    String result = historyRow + " .bundle-result";
    awaitEval("document.querySelector(\"" + result + "\").dataset.state", "ok");
    assertThat(browser.eval("document.querySelector(\"" + result + "\").dataset.verified"))
        .isEqualTo(Integer.toString(HISTORY_READINGS));
    assertThat(browser.eval("document.querySelector(\"" + result + "\").dataset.proved"))
        .isEqualTo(Integer.toString(HISTORY_READINGS));
    assertThat(browser.text(result))
        .isEqualTo(
            HISTORY_READINGS + " readings of 1 device(s): all signatures and ledger proofs verify");
    browser.screenshot(PURCHASES_SHOT);

    // The buyer acknowledges the checked bundle from the page, so one sale is settled, one held.
    click(historyRow + " button.acknowledge");
    awaitText(historyRow + " [data-field='escrow']", "settled · 10 tokens");
    assertThat(node.market().market().order(historyOrder).orElseThrow().escrow().state())
        .isEqualTo(Escrow.State.SETTLED);
    browser.eval("location.hash = '#market/sales'");
    browser.eval(
        "(() => { const i = document.querySelector('#earnings-did'); i.value = '"
            + provider.did()
            + "'; i.dispatchEvent(new Event('input'));"
            + " document.querySelector('#earnings-form').requestSubmit(); return true; })()");
    awaitText("#earnings-figures [data-field='sales'] dd", "2");
    assertThat(browser.text("#earnings-figures [data-field='settled'] dd")).isEqualTo("10 tokens");
    assertThat(browser.text("#earnings-figures [data-field='held'] dd")).isEqualTo("25 tokens");
    assertThat(browser.text("#earnings-figures [data-field='balance'] dd")).isEqualTo("10 tokens");
    assertThat(
            browser.text("#sale-rows tr[data-order='" + historyOrder + "'] [data-field='state']"))
        .isEqualTo("settled");
    assertThat(browser.text("#sale-rows tr[data-order='" + streamOrder + "'] [data-field='state']"))
        .isEqualTo("held");
    browser.screenshot(SALES_SHOT);
    assertThat(browser.errors()).as("errors in the page").isEmpty();
  }

  @Test
  void pageOpensAGrantWrappedInJavaOnlyWithItsOwnInfo() throws Exception {
    node = Node.start(NodeConfig.defaults(dir.resolve("node")).withPorts(0, 0), Clock.systemUTC());
    RecipientKey recipient = RecipientKey.generate();
    ContentKey key = ContentKey.generate();
    Identity device = Identity.generate();
    Grant grant = Grant.wrap(key, recipient.publicKey(), "order-17", device.did(), 17, 0);
    String info = new String(Grant.info(device.did(), 17, "order-17"), UTF_8);
    String otherEpoch = new String(Grant.info(device.did(), 18, "order-17"), UTF_8);
    browser =
        HeadlessChromium.open(
            DashboardBrowserTest.CHROMIUM, node.httpUrl() + "/", dir.resolve("chromium"));
    awaitEval("document.readyState", "complete");

    String opened = openInPage(recipientKeyFile(recipient), grant, info);
    String refused = openInPage(recipientKeyFile(recipient), grant, otherEpoch);

    assertThat(opened)
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(key.bytes()));
    assertThat(refused).isEqualTo("refused");
    assertThat(browser.errors()).as("errors in the page").isEmpty();
  }

  @Test
  void pageAcceptsDeviceSignaturesOfSingleAndBatchFormsButNotTamperedOnes() throws Exception {
    node = Node.start(NodeConfig.defaults(dir.resolve("node")).withPorts(0, 0), Clock.systemUTC());
    Identity device = Identity.generate();
    Instant at = Instant.parse("2026-12-04T10:00:00Z");
    Reading alone = reading(device, 1, at, 612.5, 20.25);
    byte[] canonical = CanonicalJson.bytes(alone.toJson());
    ObjectNode single = SignedReading.single(canonical, device.did(), device.sign(canonical));
    List<JsonNode> payloads =
        List.of(
            reading(device, 2, at.plusSeconds(60), 640, 20.5).toJson(),
            reading(device, 3, at.plusSeconds(120), 655.25, 20.5).toJson(),
            reading(device, 4, at.plusSeconds(180), 701, 21).toJson());
    BatchEnvelope signedBatch = BatchEnvelope.sign(device, payloads);
    ObjectNode member =
        SignedReading.inBatch(
            CanonicalJson.bytes(payloads.get(2)),
            device.did(),
            signedBatch.signature(),
            signedBatch.root(),
            2,
            payloads.size(),
            signedBatch.inclusionProof(2));
    browser =
        HeadlessChromium.open(
            DashboardBrowserTest.CHROMIUM, node.httpUrl() + "/", dir.resolve("chromium"));
    awaitEval("document.readyState", "complete");

    String verdicts =
        verifyInPage(
            List.of(single, member, tampered(single), tampered(member)), device.did().toString());

    assertThat(verdicts).isEqualTo("true true false false");
    assertThat(browser.errors()).as("errors in the page").isEmpty();
  }

  @Test
  void pageDecryptsAReadingSealedInJavaAndCountsOneMovedToAnotherSeqAsAFailure() throws Exception {
    node = Node.start(NodeConfig.defaults(dir.resolve("node")).withPorts(0, 0), Clock.systemUTC());
    RecipientKey recipient = RecipientKey.generate();
    Identity device = Identity.generate();
    ContentKey epochKey = ContentKey.generate();
    Grant grant = Grant.wrap(epochKey, recipient.publicKey(), "order-3", device.did(), 3, 0);
    byte[] canonical =
        CanonicalJson.bytes(
            reading(device, 41, Instant.parse("2026-12-04T10:00:00Z"), 612.5, 20.25).toJson());
    ObjectNode form = SignedReading.single(canonical, device.did(), device.sign(canonical));
    ObjectNode sealed =
        EncryptedReading.seal(epochKey, 3, device.did(), 41, CanonicalJson.bytes(form)).toJson();
    ObjectNode moved = sealed.deepCopy().put("seq", 42);
    browser =
        HeadlessChromium.open(
            DashboardBrowserTest.CHROMIUM, node.httpUrl() + "/", dir.resolve("chromium"));
    awaitEval("document.readyState", "complete");

    String outcome =
        browser.eval(
            "(async () => {"
                + " const { LicensedStream } = await import('./js/market-stream.js');"
                + " const keys = await import('./js/market-keys.js');"
                + " const seen = []; let failures = 0;"
                + " const stream = new LicensedStream({ order: 'order-3', purpose: 'research',"
                + " recipient: await keys.recipientKey("
                + quote(recipientKeyFile(recipient))
                + "), keys: new Map([["
                + quote(device.did().toString())
                + ", "
                + quote(device.did().toString())
                + "]]) }, { state() {}, failure() { failures += 1; },"
                + " reading(r) {"
                + " seen.push(`${r.seq} ${r.verified} ${r.properties.co2.value}`); } });"
                + " await stream.grant("
                + grant.toJson()
                + "); await stream.reading("
                + sealed
                + "); await stream.reading("
                + moved
                + "); return `${seen.join(',')} failures ${failures}`; })()");

    assertThat(outcome).isEqualTo("41 true 612.5 failures 1");
    assertThat(browser.errors()).as("errors in the page").isEmpty();
  }

  /** A copy of a signed form whose CO2 value is one more than signed. */
  private static ObjectNode tampered(ObjectNode form) {
    ObjectNode copy = form.deepCopy();
    ObjectNode co2 = (ObjectNode) copy.get("payload").get("properties").get("co2");
    co2.put("value", co2.get("value").asDouble() + 1);
    return copy;
  }

  /** The page's verdict on each signed form, checked against {@code key}, joined by spaces. */
  private String verifyInPage(List<ObjectNode> forms, String key) throws Exception {
    return browser.eval(
        "(async () => {"
            + " const signed = await import('./js/market-signed.js');"
            + " const forms = "
            + Json.mapper().writeValueAsString(forms)
            + "; const out = [];"
            + " for (const f of forms) { out.push((await signed.verifySigned(f, "
            + quote(key)
            + ")).ok); }"
            + " return out.join(' '); })()");
  }

  /** Opens the wrapped key of {@code grant} with the page's own modules; "refused" if it fails. */
  private String openInPage(String jwk, Grant grant, String info) throws Exception {
    String wrapped = Base64.getUrlEncoder().withoutPadding().encodeToString(grant.wrapped());
    return browser.eval(
        "(async () => {"
            + " const keys = await import('./js/market-keys.js');"
            + " const hpke = await import('./js/market-hpke.js');"
            + " const bytes = await import('./js/market-bytes.js');"
            + " const r = await keys.recipientKey("
            + quote(jwk)
            + ");"
            + " try { return bytes.base64(await hpke.open(bytes.unbase64("
            + quote(wrapped)
            + "), r, "
            + quote(info)
            + ")); } catch (e) { return 'refused'; } })()");
  }

  private void awaitLive(long seq, String values) {
    String item = "#live-readings li[data-seq='" + seq + "']";
    awaitText(item + " .values", values);
    awaitEval("document.querySelector(\"" + item + "\").dataset.verified", "true");
    awaitText(item + " .mark", "✓");
  }

  /** What the page should say of the provider's reputation, from the node's own ranking. */
  private static String reputationShown(String api, Identity provider) throws Exception {
    JsonNode providers =
        Json.mapper().readTree(TestDevices.get(api + "/market/reputation").body()).get("providers");
    for (JsonNode s : providers) {
      if (s.get("provider").asText().equals(provider.did().toString())) {
        String ratings =
            s.get("ratings").asLong() > 0
                ? String.format(
                    Locale.ROOT,
                    "%d paid rating(s), weighted average %.1f of 5 after the prior of 3",
                    s.get("ratings").asLong(),
                    s.get("ratingScore").asDouble())
                : "no paid ratings yet";
        return String.format(
            Locale.ROOT,
            "score %.2f, rank %d of %d · %s",
            s.get("score").asDouble(),
            s.get("rank").asInt(),
            providers.size(),
            ratings);
      }
    }
    return "not ranked yet: no sale measured";
  }

  private void search(String selector, String value) throws Exception {
    browser.eval(
        "(() => { document.querySelector("
            + quote(selector)
            + ").value = "
            + quote(value)
            + "; document.querySelector('#market-search').requestSubmit(); return true; })()");
  }

  /** Puts {@code text} into a file input as a chosen file, as a person picking it would. */
  private void loadKeyFile(String input, String text) throws Exception {
    browser.eval(
        "(() => { const input = document.querySelector("
            + quote(input)
            + "); const files = new DataTransfer();"
            + " files.items.add(new File(["
            + quote(text)
            + "], 'key.jwk', { type: 'application/json' }));"
            + " input.files = files.files; input.dispatchEvent(new Event('change'));"
            + " return true; })()");
  }

  private String accountKeyFile(Identity account) throws Exception {
    Path file = dir.resolve("keys").resolve("account-" + account.did().hashCode() + ".jwk");
    KeyFile.write(account, file);
    return Files.readString(file);
  }

  private String recipientKeyFile(RecipientKey key) throws Exception {
    Path file = dir.resolve("keys").resolve("recipient-" + key.publicKey().hashCode() + ".jwk");
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      key.save(file);
    }
    return Files.readString(file);
  }

  private static String shortDid(Identity who) {
    String rest = who.did().toString().substring("did:key:".length());
    return "did:key:" + rest.substring(0, 6) + "…" + rest.substring(rest.length() - 4);
  }

  private static CreateOffer streamOffer(Identity device) {
    return new CreateOffer(
        Product.stream(device.did(), Duration.ofDays(7)),
        STREAM_PRICE,
        0,
        0,
        3_600_000,
        new UsagePolicy(
            Set.of(PURPOSE, "ventilation-control"),
            Duration.ofDays(30),
            Set.of("GB", "JP"),
            true,
            "Aberdeen citizen sensors, ODbL"),
        "CO2 and temperature in room 413, live",
        "Every reading of the room's sensor for a week, encrypted to the buyer",
        List.of("co2", "indoor", "live"));
  }

  private static CreateOffer historyOffer(Identity device, Instant from, Instant to) {
    return new CreateOffer(
        Product.history(device.did(), from, to),
        HISTORY_PRICE,
        0,
        0,
        3_600_000,
        UsagePolicy.forPurposes(PURPOSE),
        "CO2 and temperature in room 413, last hour",
        "The signed readings of the last hour, with ledger proofs",
        List.of("co2", "indoor"));
  }

  private static void ingestHistory(String api, Identity device, Instant first) throws Exception {
    List<Reading> readings =
        java.util.stream.IntStream.range(0, HISTORY_READINGS)
            .mapToObj(
                i -> reading(device, i + 1, first.plus(Duration.ofMinutes(8L * i)), 600 + i, 20))
            .toList();
    accept(post(api + "/readings", signedBatch(device, readings)));
  }

  private static Reading reading(
      Identity device, long seq, Instant at, double co2, double temperature) {
    return new Reading(
        device.did(),
        seq,
        at,
        Map.of(
            "co2", new Reading.Quantity(co2, "[ppm]"),
            "temperature", new Reading.Quantity(temperature, "Cel")),
        null);
  }

  private static String signedBatch(Identity device, List<Reading> readings) {
    return BatchEnvelope.sign(device, readings.stream().map(Reading::toJson).toList())
        .toJson()
        .toString();
  }

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return TestDevices.post(url, body.getBytes(UTF_8));
  }

  private static byte[] bytes(JsonNode json) {
    return json.toString().getBytes(UTF_8);
  }

  private static void accept(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }

  /** Submits {@code op} signed by {@code signer} to the node's ledger; its transaction id. */
  private String commit(Identity signer, Operation op) throws Exception {
    var ledger = node.ledger();
    Receipt receipt =
        ledger
            .submit(TransactionBuilder.sign(signer, ledger.nextNonce(signer.did()), op))
            .get(10, TimeUnit.SECONDS);
    return receipt.txId();
  }

  private void click(String selector) {
    awaitEval(
        "(() => { const e = document.querySelector("
            + quote(selector)
            + "); e && e.click(); return !!e; })()",
        "true");
  }

  private void awaitText(String selector, String expected) {
    await()
        .atMost(PAGE_WAIT)
        .untilAsserted(() -> assertThat(browser.text(selector)).as(selector).isEqualTo(expected));
  }

  private void awaitEval(String expression, String expected) {
    await()
        .atMost(PAGE_WAIT)
        .untilAsserted(
            () -> assertThat(browser.eval(expression)).as(expression).isEqualTo(expected));
  }

  private static String quote(String text) {
    return TextNode.valueOf(text).toString();
  }
}
