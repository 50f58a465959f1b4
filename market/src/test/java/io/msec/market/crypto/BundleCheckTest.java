package io.msec.market.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.market.crypto.BundleReport.ReadingId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buyer-side checks of bundles built from a real ledger's proofs. */
class BundleCheckTest {
  static final String ORDER = "a1".repeat(32);

  @TempDir Path dir;
  ProvedReadings node;

  @BeforeEach
  void setUp() {
    node = new ProvedReadings(dir.resolve("ledger"), ProvedReadings.seeded(1));
  }

  @AfterEach
  void tearDown() {
    node.close();
  }

  /** History of device A, readings 2..4: the window is [minute 2, minute 5). */
  ObjectNode history(List<ObjectNode> envelopes, List<ObjectNode> proofs) {
    ObjectNode license =
        ProvedReadings.license(
            ORDER,
            "history",
            List.of(node.deviceA.did()),
            ProvedReadings.START.plusSeconds(120),
            ProvedReadings.START.plusSeconds(300));
    return BundleCheck.bundle(ORDER, license, envelopes, proofs);
  }

  ObjectNode historyOfA() {
    List<ObjectNode> envelopes = new ArrayList<>();
    List<ObjectNode> proofs = new ArrayList<>();
    for (long seq = 2; seq <= 4; seq++) {
      envelopes.add(node.envelope(node.deviceA, seq));
      proofs.add(node.proof(node.deviceA, seq));
    }
    return history(envelopes, proofs);
  }

  ObjectNode reading(ObjectNode bundle, int index) {
    return (ObjectNode) bundle.get("readings").get(index);
  }

  @Test
  void acceptsEveryReadingOfARealBundle() {
    BundleReport report = BundleCheck.check(historyOfA(), node.sequencer.did());

    assertThat(report.failure()).isNull();
    assertThat(report.valid()).isTrue();
    assertThat(report.order()).isEqualTo(ORDER);
    assertThat(report.total()).isEqualTo(3);
    DidKey a = node.deviceA.did();
    assertThat(report.checked())
        .containsExactly(new ReadingId(a, 2), new ReadingId(a, 3), new ReadingId(a, 4));
  }

  @Test
  void acceptsADatasetOfTwoDevicesAfterSealingAndOpening() {
    List<ObjectNode> envelopes = new ArrayList<>();
    List<ObjectNode> proofs = new ArrayList<>();
    for (Identity device : List.of(node.deviceA, node.deviceB)) {
      for (long seq = 1; seq <= ProvedReadings.COUNT; seq++) {
        envelopes.add(node.envelope(device, seq));
        proofs.add(node.proof(device, seq));
      }
    }
    ObjectNode license =
        ProvedReadings.license(
            ORDER,
            "dataset",
            List.of(node.deviceA.did(), node.deviceB.did()),
            ProvedReadings.START,
            ProvedReadings.START.plusSeconds(3600));
    RecipientKey buyer = RecipientKey.generate();
    byte[] sealed =
        Bundles.seal(
            BundleCheck.bundle(ORDER, license, envelopes, proofs), buyer.publicKey(), ORDER);

    BundleReport report =
        BundleCheck.check(Bundles.open(sealed, buyer, ORDER), node.sequencer.did());

    assertThat(report.failure()).isNull();
    assertThat(report.checked()).hasSize(2 * ProvedReadings.COUNT);
  }

  @Test
  void refusesAChangedReadingValue() {
    ObjectNode bundle = historyOfA();
    ObjectNode payload = (ObjectNode) reading(bundle, 1).get("envelope").get("payload");
    ((ObjectNode) payload.get("properties").get("co2")).put("value", 9999.5);

    BundleReport report = BundleCheck.check(bundle, node.sequencer.did());

    assertThat(report.failure().index()).isEqualTo(1);
    assertThat(report.failure().reason()).isEqualTo("bad-signature");
    assertThat(report.checked()).containsExactly(new ReadingId(node.deviceA.did(), 2));
  }

  @Test
  void refusesAChangedReadingValueEvenWhenItsProofIsChangedAlike() {
    ObjectNode bundle = historyOfA();
    for (String member : List.of("envelope", "proof")) {
      ObjectNode r =
          (ObjectNode)
              reading(bundle, 2).get(member).get(member.equals("proof") ? "reading" : "payload");
      ((ObjectNode) r.get("properties").get("co2")).put("value", 1.5);
    }

    BundleReport report = BundleCheck.check(bundle, node.sequencer.did());

    assertThat(report.failure().index()).isEqualTo(2);
    assertThat(report.failure().reason()).isEqualTo("bad-signature");
  }

  @Test
  void refusesAProofOfAnotherReading() {
    ObjectNode bundle = historyOfA();
    reading(bundle, 0).set("proof", node.proof(node.deviceA, 3));

    BundleReport report = BundleCheck.check(bundle, node.sequencer.did());

    assertThat(report.failure().index()).isZero();
    assertThat(report.failure().reason()).isEqualTo("proof-mismatch");
  }

  @Test
  void refusesAReadingOfAnotherDevice() {
    ObjectNode bundle = historyOfA();
    ObjectNode foreign = reading(bundle, 1);
    foreign.set("envelope", node.envelope(node.deviceB, 3));
    foreign.set("proof", node.proof(node.deviceB, 3));

    BundleReport report = BundleCheck.check(bundle, node.sequencer.did());

    assertThat(report.failure().index()).isEqualTo(1);
    assertThat(report.failure().reason()).isEqualTo("foreign-device");
  }

  @Test
  void refusesAReadingWhoseProofWasRemoved() {
    ObjectNode bundle = historyOfA();
    reading(bundle, 2).remove("proof");

    BundleReport report = BundleCheck.check(bundle, node.sequencer.did());

    assertThat(report.failure().index()).isEqualTo(2);
    assertThat(report.failure().reason()).isEqualTo("missing-proof");
    assertThat(report.checked()).hasSize(2);
  }

  @Test
  void refusesAProofUnderAnotherSequencer(@TempDir Path other) {
    try (ProvedReadings forged = new ProvedReadings(other, ProvedReadings.seeded(9))) {
      ObjectNode bundle = historyOfA();
      reading(bundle, 1).set("proof", forged.proof(forged.deviceA, 3));

      BundleReport report = BundleCheck.check(bundle, node.sequencer.did());

      assertThat(report.failure().index()).isEqualTo(1);
      assertThat(report.failure().reason()).isEqualTo("bad-proof");
      assertThat(report.failure().message()).startsWith("head:");
      assertThat(BundleCheck.check(historyOfA(), forged.sequencer.did()).failure().reason())
          .isEqualTo("bad-proof");
    }
  }

  @Test
  void refusesAReadingOutsideTheLicensedWindow() {
    ObjectNode bundle =
        history(
            List.of(node.envelope(node.deviceA, 4), node.envelope(node.deviceA, 5)),
            List.of(node.proof(node.deviceA, 4), node.proof(node.deviceA, 5)));

    BundleReport report = BundleCheck.check(bundle, node.sequencer.did());

    assertThat(report.failure().index()).isEqualTo(1);
    assertThat(report.failure().reason()).isEqualTo("outside-window");
  }

  @Test
  void refusesARepeatedReading() {
    ObjectNode bundle =
        history(
            List.of(node.envelope(node.deviceA, 3), node.envelope(node.deviceA, 3)),
            List.of(node.proof(node.deviceA, 3), node.proof(node.deviceA, 3)));

    BundleReport report = BundleCheck.check(bundle, node.sequencer.did());

    assertThat(report.failure().index()).isEqualTo(1);
    assertThat(report.failure().reason()).isEqualTo("out-of-order");
  }

  @Test
  void refusesABundleWhoseLicenseIsOfAnotherOrder() {
    ObjectNode bundle = historyOfA();
    ((ObjectNode) bundle.get("license")).put("order", "b2".repeat(32));

    BundleReport report = BundleCheck.check(bundle, node.sequencer.did());

    assertThat(report.failure().index()).isEqualTo(-1);
    assertThat(report.failure().reason()).isEqualTo("malformed-license");
    assertThat(report.checked()).isEmpty();
  }

  @Test
  void refusesABundleOfAnotherFormat() {
    ObjectNode bundle = historyOfA().put("format", "msec-bundle/2");

    BundleReport report = BundleCheck.check(bundle, node.sequencer.did());

    assertThat(report.failure().reason()).isEqualTo("malformed-bundle");
    assertThat(report.valid()).isFalse();
  }
}
