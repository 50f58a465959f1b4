package io.msec.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.BatchEnvelope;
import io.msec.core.CanonicalJson;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.MerkleTree;
import io.msec.core.Reading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading -> batch root -> anchor -> block -> signed head, checked offline. */
class ReadingProofTest {
  @TempDir Path dir;
  Fixture f;
  Identity device = Fixture.seeded(20);
  List<JsonNode> stored = new ArrayList<>();
  ReadingSource source =
      (d, from, to) ->
          stored.stream()
              .filter(r -> r.get("seq").asLong() >= from && r.get("seq").asLong() <= to)
              .map(CanonicalJson::bytes)
              .toList();

  @BeforeEach
  void setUp() {
    f = new Fixture(dir);
    f.commit(
        f.alice, new RegisterDevice(device.did(), "co2-sensor", "room", null, Fixture.schema()));
    for (long seq = 1; seq <= 7; seq += seq == 3 ? 2 : 1) {
      Reading r =
          new Reading(
              device.did(),
              seq,
              Instant.parse("2026-12-04T15:00:00Z").plusSeconds(seq),
              Map.of("co2", new Reading.Quantity(700.25 + seq, "[ppm]")),
              null);
      stored.add(r.toJson());
    }
    List<byte[]> leaves = new ArrayList<>();
    stored.forEach(r -> leaves.add(MerkleTree.leafHash(CanonicalJson.bytes(r))));
    byte[] root = MerkleTree.root(leaves);
    assertThat(root)
        .isEqualTo(
            BatchEnvelope.sign(device, stored.stream().map(n -> (ObjectNode) n).toList()).root());
    f.commit(f.sequencer, new AnchorBatch(device.did(), 1, 7, stored.size(), root));
    f.commit(f.treasury, new Mint(f.bob.did(), 3));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void provesEveryAnchoredReadingAgainstTheTrustedHead() {
    SignedHead head = f.ledger.head();
    for (JsonNode r : stored) {
      ObjectNode proof = f.ledger.proveReading(device.did(), r.get("seq").asLong(), source);

      ProofChecker.Result result = ProofChecker.check(proof, head);

      assertThat(result.valid()).as(result.message()).isTrue();
      assertThat(ProofChecker.check(proof, f.sequencer.did()).valid()).isTrue();
    }
    assertThat(f.ledger.anchors(device.did())).hasSize(1);
    assertThat(f.ledger.anchorCovering(device.did(), 4)).isPresent();
    assertThat(f.ledger.anchorCovering(device.did(), 8)).isEmpty();
  }

  @Test
  void changingAnySingleByteOfTheProofMakesItFail() {
    SignedHead head = f.ledger.head();
    byte[] text =
        f.ledger.proveReading(device.did(), 5, source).toString().getBytes(StandardCharsets.UTF_8);
    assertThat(ProofChecker.check(text, head).valid()).isTrue();

    for (int i = 0; i < text.length; i++) {
      boolean letter = Character.isLetter(text[i]);
      for (int flip : letter ? new int[] {0x01, 0x20} : new int[] {0x01}) {
        byte[] changed = text.clone();
        changed[i] ^= (byte) flip;

        assertThat(ProofChecker.check(changed, head).valid())
            .as("byte %d ^ %x of %s", i, flip, new String(text, StandardCharsets.UTF_8))
            .isFalse();
      }
    }
  }

  @Test
  void namesTheFailedStep() {
    SignedHead head = f.ledger.head();
    ObjectNode proof = f.ledger.proveReading(device.did(), 2, source);

    ObjectNode otherReading = proof.deepCopy();
    ((ObjectNode) otherReading.get("reading")).put("seq", 3);
    assertThat(ProofChecker.check(otherReading, head).failedStep()).isEqualTo("batch");

    ObjectNode outside = proof.deepCopy();
    ((ObjectNode) outside.get("reading")).put("seq", 9);
    assertThat(ProofChecker.check(outside, head).failedStep()).isEqualTo("reading");

    ObjectNode moved = proof.deepCopy();
    ((ObjectNode) moved.get("block")).put("index", 1);
    assertThat(ProofChecker.check(moved, head).failedStep()).isEqualTo("tx-inclusion");

    f.commit(f.treasury, new Mint(f.bob.did(), 3));
    assertThat(ProofChecker.check(proof, f.ledger.head()).failedStep()).isEqualTo("head");
    assertThat(ProofChecker.check(proof, f.alice.did()).failedStep()).isEqualTo("head");
  }

  @Test
  void refusesToProveWhenTheReadingStoreDisagreesWithTheAnchor() {
    ((ObjectNode) stored.get(2))
        .putObject("properties")
        .putObject("co2")
        .put("value", 1)
        .put("unit", "[ppm]");

    assertThatThrownBy(() -> f.ledger.proveReading(device.did(), 2, source))
        .isInstanceOf(LedgerException.class)
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(LedgerException.BAD_PROOF);
    assertThatThrownBy(() -> f.ledger.proveReading(device.did(), 4, source))
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(LedgerException.BAD_PROOF);
  }

  @Test
  void refusesToProveFromStoredBytesThatAreNotCanonical() {
    ReadingSource pretty =
        (d, from, to) ->
            stored.stream().map(r -> r.toPrettyString().getBytes(StandardCharsets.UTF_8)).toList();

    assertThatThrownBy(() -> f.ledger.proveReading(device.did(), 2, pretty))
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(LedgerException.BAD_PROOF);
  }

  @Test
  void refusesToProveUnanchoredOrSkippedReadings() {
    assertThatThrownBy(() -> f.ledger.proveReading(device.did(), 4, source))
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(LedgerException.NOT_FOUND);
    assertThatThrownBy(() -> f.ledger.proveReading(device.did(), 8, source))
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(LedgerException.NOT_FOUND);
  }

  @Test
  void signedHeadRoundTripsAndRefusesAnyChange() {
    SignedHead head = f.ledger.head();
    assertThat(SignedHead.fromJson(Json.mapper().valueToTree(head.toJson()))).isEqualTo(head);
    assertThat(head.verifySignature()).isTrue();

    ObjectNode changed = head.toJson().put("size", head.size() - 1);
    assertThat(SignedHead.fromJson(changed).verifySignature()).isFalse();
  }
}
