package io.msec.node;

import static io.msec.node.TestDevices.get;
import static io.msec.node.TestDevices.post;
import static io.msec.node.TestDevices.reading;
import static io.msec.node.TestDevices.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.ledger.ProofChecker;
import io.msec.ledger.RotateDeviceKey;
import io.msec.ledger.SignedHead;
import io.msec.ledger.TransactionBuilder;
import io.msec.node.chain.AnchorPolicy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node on its ledger: key rotation at ingestion, anchoring, and proofs a client checks. */
class NodeLedgerTest {
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
                .withAnchor(new AnchorPolicy(5, Duration.ofSeconds(1))),
            Clock.systemUTC());
    api = node.httpUrl() + "/api/v1";
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static Identity registered() throws Exception {
    Identity device = Identity.generate();
    HttpResponse<String> r =
        post(api + "/devices", TestDevices.bytes(TestDevices.registration(api, OWNER, device)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return device;
  }

  @Test
  void acceptsReadingsSignedWithTheRotatedKeyOnlyAfterARotation() throws Exception {
    Identity device = registered();
    Identity newKey = Identity.generate();
    Instant t = Instant.now().minusSeconds(60);
    assertThat(
            post(api + "/readings", signed(device, reading(device, 1, t, 500, "[ppm]")))
                .statusCode())
        .isEqualTo(202);

    ObjectNode rotation =
        TransactionBuilder.sign(
                OWNER,
                TestDevices.nextNonce(api, OWNER),
                new RotateDeviceKey(device.did(), newKey.did()))
            .toJson();
    HttpResponse<String> rotated =
        post(api + "/devices/" + device.did() + "/rotate", TestDevices.bytes(rotation));
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);

    var byNewKey =
        io.msec.core.Envelope.sign(
            newKey, reading(device, 2, t.plusSeconds(1), 510, "[ppm]").toJson());
    HttpResponse<String> accepted =
        post(api + "/readings", byNewKey.toJson().toString().getBytes());
    HttpResponse<String> oldKey =
        post(api + "/readings", signed(device, reading(device, 3, t.plusSeconds(2), 520, "[ppm]")));

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(oldKey.statusCode()).isEqualTo(403);
    assertThat(Json.mapper().readTree(oldKey.body()).get("code").asText())
        .isEqualTo("wrong-signer");
    assertThat(node.store().lastSeq(device.did())).isEqualTo(2);
  }

  @Test
  void anchorsReadingsAndServesAProofThatAClientChecksAndThatFailsWhenTampered() throws Exception {
    Identity device = registered();
    Instant t = Instant.now().minusSeconds(600);
    for (int seq = 1; seq <= 12; seq++) {
      post(
          api + "/readings",
          signed(device, reading(device, seq, t.plusSeconds(seq), 400 + seq, "[ppm]")));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> node.ledger().device(device.did()).orElseThrow().anchoredTo() >= 12);
    JsonNode anchors =
        Json.mapper().readTree(get(api + "/ledger/anchors?device=" + device.did()).body());
    assertThat(anchors).isNotEmpty();
    assertThat(anchors.get(anchors.size() - 1).get("to").asLong()).isEqualTo(12);

    // A light client: the head and the proof over HTTP, checked here without the node.
    JsonNode proof =
        Json.mapper()
            .readTree(get(api + "/ledger/proofs/reading?device=" + device.did() + "&seq=7").body());
    SignedHead head = SignedHead.fromJson(proof.get("head"));
    assertThat(head.verifySignature()).isTrue();
    assertThat(ProofChecker.check(proof, node.ledger().sequencerKey()).valid()).isTrue();

    ObjectNode tampered = (ObjectNode) proof.deepCopy();
    ((ObjectNode) tampered.get("reading").get("properties").get("co2")).put("value", 999);
    ProofChecker.Result bad = ProofChecker.check(tampered, node.ledger().sequencerKey());
    assertThat(bad.valid()).isFalse();
    assertThat(bad.failedStep()).isEqualTo("batch");
  }

  @Test
  void servesAccountsBlocksAndTransactions() throws Exception {
    registered();

    JsonNode account = Json.mapper().readTree(get(api + "/ledger/accounts/" + OWNER.did()).body());
    JsonNode blocks = Json.mapper().readTree(get(api + "/ledger/blocks?limit=5").body());
    String txId =
        blocks.get(0).get("transactions").size() > 0
            ? blocks.get(0).get("transactions").get(0).get("id").asText()
            : null;

    assertThat(account.get("nonce").asLong()).isPositive();
    assertThat(blocks.size()).isBetween(1, 5);
    if (txId != null) {
      assertThat(get(api + "/ledger/transactions/" + txId).statusCode()).isEqualTo(200);
    }
    assertThat(get(api + "/ledger/transactions/" + "0f".repeat(32)).statusCode()).isEqualTo(404);
    assertThat(get(api + "/ledger/transactions/00ff").statusCode()).isEqualTo(400);
    assertThat(get(api + "/ledger/proofs/transaction/zz").statusCode()).isEqualTo(400);
    assertThat(get(api + "/ledger/head").body()).contains("\"sequencer\"");
  }

  @Test
  void exportsADevicesLifeAsAnEventLogThatTheModelAcceptsAndATamperedOneItRefuses()
      throws Exception {
    Identity device = registered();
    Instant t = Instant.now().minusSeconds(60);
    for (int seq = 1; seq <= 6; seq++) {
      post(
          api + "/readings",
          signed(device, reading(device, seq, t.plusSeconds(seq), 450, "[ppm]")));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> node.ledger().device(device.did()).orElseThrow().anchoredTo() >= 6);
    post(
        api + "/devices/" + device.did() + "/revoke",
        TestDevices.bytes(TestDevices.revocation(api, OWNER, device)));

    String events = get(api + "/ledger/events?device=" + device.did()).body();
    var model = io.msec.verify.FspModel.load(Path.of("..", "models", "device-lifecycle.fsp"));
    var checker = new io.msec.verify.Checker(model);
    var accepted = checker.checkTrace("LIFECYCLE", new java.io.StringReader(events));
    String forged = events + "{\"seq\":99,\"action\":\"rotate\"}\n";
    var refused = checker.checkTrace("LIFECYCLE", new java.io.StringReader(forged));

    assertThat(events.lines())
        .extracting(l -> Json.mapper().readTree(l).get("action").asText())
        .startsWith("register", "anchor")
        .endsWith("revoke");
    assertThat(accepted.accepted()).as(accepted.toString()).isTrue();
    assertThat(refused.accepted()).isFalse();
  }
}
