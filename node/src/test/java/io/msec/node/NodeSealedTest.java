package io.msec.node;

import static io.msec.node.TestDevices.get;
import static io.msec.node.TestDevices.post;
import static io.msec.node.TestDevices.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.CanonicalJson;
import io.msec.core.ContentKey;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.device.DeviceClient;
import io.msec.device.DeviceOptions;
import io.msec.device.EpochKeys;
import io.msec.twin.StoredReading;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sealed device on a real node: the node checks what it can (signature, sequence, clock), stores
 * the signed bytes it cannot read, anchors and proves them, and a holder of the epoch key opens
 * what the node serves back.
 */
class NodeSealedTest {
  static final Identity OWNER = Identity.generate();
  static final Identity DEVICE = Identity.generate();
  static final ContentKey KEY = ContentKey.generate();
  static final long EPOCH = 3;

  /** A value whose text cannot appear by chance in base64url or in the reading's other members. */
  static final double SECRET = 1234.5678;

  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
  @TempDir static Path dir;
  static Node node;
  static String api;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.defaults(dir).withPorts(0, 0), Clock.systemUTC());
    api = node.httpUrl() + "/api/v1";
    HttpResponse<String> r =
        post(api + "/devices", TestDevices.bytes(TestDevices.registration(api, OWNER, DEVICE)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static synchronized long nextSeq() {
    return node.store().lastSeq(DEVICE.did()) + 1;
  }

  private static Reading open(long seq, double co2, String unit) {
    return reading(DEVICE, seq, T0.plusSeconds(seq), co2, unit);
  }

  private static Reading sealed(long seq, double co2) {
    return open(seq, co2, "[ppm]").seal(KEY, EPOCH);
  }

  private static HttpResponse<String> publish(Reading r) throws Exception {
    return post(api + "/readings", TestDevices.signed(DEVICE, r));
  }

  private static void assertAccepted(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(Json.mapper().readTree(r.body()).get("accepted").asInt()).isEqualTo(1);
  }

  private static String refusal(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body()).get("code").asText();
  }

  @Test
  void storesAndCountsSealedReadingsWithoutTheirValuesInTheStoredBytes() throws Exception {
    long first = nextSeq();
    long before = node.store().count(DEVICE.did());
    assertThat(CanonicalJson.string(open(first, SECRET, "[ppm]").toJson())).contains("1234.5678");

    for (long seq = first; seq < first + 3; seq++) {
      assertAccepted(publish(sealed(seq, SECRET)));
    }

    assertThat(node.store().count(DEVICE.did())).isEqualTo(before + 3);
    for (long seq = first; seq < first + 3; seq++) {
      StoredReading stored = node.store().get(DEVICE.did(), seq).orElseThrow();
      String bytes = new String(stored.canonical(), StandardCharsets.UTF_8);
      assertThat(bytes).contains("\"sealed\"").doesNotContain("1234.5678", "co2", "properties");
      assertThat(stored.reading().open(KEY).properties().get("co2").value()).isEqualTo(SECRET);
    }
    JsonNode device = Json.mapper().readTree(get(api + "/devices/" + DEVICE.did()).body());
    assertThat(device.get("lastSeq").asLong()).isEqualTo(first + 2);
  }

  @Test
  void skipsUnitAndRangeChecksItCannotRunOnASealedReading() throws Exception {
    long seq = nextSeq();

    assertAccepted(publish(open(seq, 20_000, "[ppm]").seal(KEY, EPOCH)));
    assertAccepted(publish(open(seq + 1, 500, "parts-per-million").seal(KEY, EPOCH)));
    HttpResponse<String> openOutOfRange = publish(open(seq + 2, 20_000, "[ppm]"));

    assertThat(refusal(openOutOfRange)).isEqualTo("out-of-range");
    assertThat(node.store().get(DEVICE.did(), seq + 1)).isPresent();
  }

  @Test
  void checksSequenceAndClockOfASealedReadingLikeAnyOther() throws Exception {
    long seq = nextSeq();
    assertAccepted(publish(sealed(seq, 500)));
    Reading future =
        reading(DEVICE, seq + 1, Instant.now().plusSeconds(3600), 500, "[ppm]").seal(KEY, EPOCH);

    HttpResponse<String> replayed = publish(sealed(seq, 501));
    HttpResponse<String> early = publish(future);

    assertThat(replayed.statusCode()).isEqualTo(409);
    assertThat(refusal(replayed)).isEqualTo("replayed-sequence");
    assertThat(refusal(early)).isEqualTo("clock-skew");
    assertThat(node.store().lastSeq(DEVICE.did())).isEqualTo(seq);
  }

  @Test
  void refusesASealedReadingWhoseSignatureDoesNotCoverItsCiphertext() throws Exception {
    long seq = nextSeq();
    ObjectNode wire = Envelope.sign(DEVICE, sealed(seq, 500).toJson()).toJson();
    ObjectNode seal = (ObjectNode) wire.get("payload").get("sealed");
    seal.put("ct", flipped(seal.get("ct").asText()));
    long counted = node.ingestor().rejects().total("bad-signature");

    HttpResponse<String> r = post(api + "/readings", wire.toString().getBytes());

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(refusal(r)).isEqualTo("bad-signature");
    assertThat(node.store().get(DEVICE.did(), seq)).isEmpty();
    assertThat(node.ingestor().rejects().total("bad-signature")).isEqualTo(counted + 1);
  }

  @Test
  void storesACiphertextAlteredBeforeSigningThatTheBuyerCannotOpen() throws Exception {
    long seq = nextSeq();
    Reading good = sealed(seq, 500);
    byte[] ct = good.sealed().ct();
    ct[ct.length / 2] ^= 1;
    Reading altered =
        Reading.sealed(DEVICE.did(), seq, good.observedAt(), new Reading.Sealed(EPOCH, ct));

    assertAccepted(publish(altered));

    Reading stored = node.store().get(DEVICE.did(), seq).orElseThrow().reading();
    assertThat(stored).isEqualTo(altered);
    assertThatThrownBy(() -> stored.open(KEY))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("bad-ciphertext"));
  }

  @Test
  void provesASealedReadingAndServesItBackForTheBuyerToOpenAndVerify() throws Exception {
    long seq = nextSeq();
    Reading open = open(seq, SECRET, "[ppm]");
    assertAccepted(publish(open.seal(KEY, EPOCH)));
    node.anchorer().anchorDue(true);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> node.ledger().device(DEVICE.did()).orElseThrow().anchoredTo() >= seq);

    JsonNode proof =
        Json.mapper()
            .readTree(
                get(api + "/ledger/proofs/reading?device=" + DEVICE.did() + "&seq=" + seq).body());
    JsonNode checked =
        Json.mapper()
            .readTree(post(api + "/ledger/proofs/check", proof.toString().getBytes()).body());
    assertThat(checked.get("valid").asBoolean()).as(checked.toString()).isTrue();

    // The buyer's side: the device's key from the ledger, the signed bytes from the proof, and
    // the signature as the node keeps it (served to licensees in streams and bundles).
    DidKey key =
        DidKey.parse(
            Json.mapper()
                .readTree(get(api + "/devices/" + DEVICE.did()).body())
                .get("key")
                .asText());
    byte[] signature = node.store().get(DEVICE.did(), seq).orElseThrow().signature();
    ObjectNode served = Json.mapper().createObjectNode();
    served.set("payload", proof.get("reading"));
    served.put("signer", key.toString());
    served.put("sig", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    Envelope envelope = Envelope.fromJson(served);

    assertThat(envelope.verify()).isTrue();
    assertThat(Reading.fromJson(envelope.payload()).open(KEY)).isEqualTo(open);

    ObjectNode tampered = (ObjectNode) proof.deepCopy();
    ObjectNode seal = (ObjectNode) tampered.get("reading").get("sealed");
    seal.put("ct", flipped(seal.get("ct").asText()));
    JsonNode refused =
        Json.mapper()
            .readTree(post(api + "/ledger/proofs/check", tampered.toString().getBytes()).body());
    assertThat(refused.get("valid").asBoolean()).isFalse();
  }

  @Test
  void showsTheLatestSealedReadingOnTheTwinWithoutValues() throws Exception {
    long seq = nextSeq();
    assertAccepted(publish(sealed(seq, SECRET)));

    JsonNode twin = Json.mapper().readTree(get(api + "/twins/" + DEVICE.did()).body());
    JsonNode series =
        Json.mapper()
            .readTree(get(api + "/series?device=" + DEVICE.did() + "&property=co2").body());

    assertThat(twin.path("sealed").path("value").path("epoch").asLong()).isEqualTo(EPOCH);
    assertThat(twin.path("sealed").path("value").path("seq").asLong()).isEqualTo(seq);
    assertThat(twin.toString()).doesNotContain("1234.5678");
    assertThat(series.toString()).doesNotContain("1234.5678");
  }

  @Test
  void storesWhatADeviceSealsThroughTheSdkOverMqtt() throws Exception {
    Identity device = Identity.generate();
    node.registry().register(TestDevices.registration(api, OWNER, device));
    DeviceOptions sealing =
        DeviceOptions.defaults().withSealing(EpochKeys.fixed(new EpochKeys.Epoch(EPOCH, KEY)));
    Reading open = reading(device, 1, T0, SECRET, "[ppm]");

    try (DeviceClient client = DeviceClient.connect(URI.create(node.mqttUri()), device, sealing)) {
      assertThat(client.publish(open).join().accepted()).isTrue();
    }

    StoredReading stored = node.store().get(device.did(), 1).orElseThrow();
    assertThat(stored.reading().isSealed()).isTrue();
    assertThat(device.did().verify(stored.canonical(), stored.signature())).isTrue();
    assertThat(stored.reading().open(KEY)).isEqualTo(open);
  }

  /** {@code ct} with one bit of its first byte flipped, still canonical base64url. */
  private static String flipped(String ct) {
    byte[] bytes = Base64.getUrlDecoder().decode(ct);
    bytes[0] ^= 1;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
