package io.msec.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * M-Sec's own protocol models must keep their properties; each property must also catch a
 * deliberately broken variant, made by editing the real model so the two cannot drift apart.
 */
class PlatformModelsTest {

  @ParameterizedTest
  @ValueSource(strings = {"purchase.fsp", "keys.fsp", "device.fsp"})
  void platformModelIsSafeDeadlockFreeAndMakesProgress(String file) {
    FspModel m = Models.load(file);
    Checker c = new Checker(m);

    SafetyResult safety = c.checkSafety(m.defaultProcess());
    ProgressResult progress = c.checkProgress(m.defaultProcess());

    assertThat(safety.verdict())
        .as("safety of %s: %s", file, safety.trace())
        .isEqualTo(Verdict.PASS);
    assertThat(progress.violations()).as("progress of %s", file).isEmpty();
  }

  @Test
  void walletThatDoesNotDebitTheEscrowCreatesTokens() {
    String broken =
        variant(
            "purchase.fsp",
            "when (b >= PRICE) ledger.escrow -> W[b-PRICE]",
            "when (b >= PRICE) ledger.escrow -> W[b]");

    SafetyResult r = onlyWith(broken, "TOKENS");

    assertThat(r.verdict()).isEqualTo(Verdict.VIOLATION);
    assertThat(r.violated()).isEqualTo("TOKENS");
    assertThat(r.trace()).last().isEqualTo("ledger.escrow");
  }

  @Test
  void providerDeliveringStraightAfterEscrowDeliversWithoutLicense() {
    String broken =
        variant(
            variant(
                "purchase.fsp",
                "HELD = ( provider.license -> LICENSED",
                "HELD = ( provider.deliver -> DELIVERED | provider.license -> LICENSED"),
            "PROVIDER = ( provider.license -> SERVING",
            "PROVIDER = ( provider.deliver -> PROVIDER | provider.license -> SERVING");

    SafetyResult r = onlyWith(broken, "LICENSED");

    assertThat(r.violated()).isEqualTo("LICENSED");
    assertThat(r.trace()).containsExactly("buyer.order", "ledger.escrow", "provider.deliver");
  }

  @Test
  void escrowWithoutTimeoutAfterLicenseStaysLockedWhenTheProviderCrashes() {
    String broken =
        variant(
            "purchase.fsp",
            "LICENSED = ( provider.deliver -> DELIVERED\n"
                + "           | timeout -> ledger.refund -> CLOSE\n",
            "LICENSED = ( provider.deliver -> DELIVERED\n");
    FspModel m = FspModel.parse(broken);

    ProgressResult r = new Checker(m).checkProgress("PURCHASE");

    assertThat(r.verdict()).isEqualTo(Verdict.VIOLATION);
    ProgressResult.Violation v = r.violations().get(0);
    assertThat(v.progress()).isEqualTo("ESCROW_RESOLVED");
    assertThat(v.trace()).contains("provider.license");
    assertThat(v.cycle()).contains("provider.crash").doesNotContain("ledger.refund");
  }

  @Test
  void keyServiceKeepingRevokedBuyerOnPreparedListLeaksNextEpochKey() {
    String broken = variant("keys.fsp", "revoke -> S[0][0][0]", "revoke -> S[0][0][next]");

    SafetyResult r = new Checker(FspModel.parse(broken)).checkSafety("KEYS");

    assertThat(r.verdict()).isEqualTo(Verdict.VIOLATION);
    assertThat(r.violated()).contains("NO_KEY_AFTER_REVOKE");
    assertThat(r.trace()).containsSubsequence("epoch.prepare", "buyer.1.revoke", "epoch.next");
    assertThat(r.trace().get(r.trace().size() - 1)).endsWith(".key");
  }

  @Test
  void cacheIgnoringRevocationAcceptsRevokedDevicesReading() {
    String broken = variant("device.fsp", "| revoke -> C[2][key]", "| revoke -> C[st][key]");

    SafetyResult r = new Checker(FspModel.parse(broken)).checkSafety("DEVICE_LIFECYCLE");

    assertThat(r.violated()).isEqualTo("REVOKED_SILENT");
    assertThat(r.trace()).contains("revoke").last().asString().startsWith("reading.accept");
  }

  @Test
  void cacheIgnoringRotationAcceptsReadingUnderOldKey() {
    String broken =
        variant("device.fsp", "when (st == 1) rotate -> C[1][1-key]", "rotate -> C[st][key]");

    SafetyResult r = new Checker(FspModel.parse(broken)).checkSafety("DEVICE_LIFECYCLE");

    assertThat(r.violated()).isEqualTo("CURRENT_KEY");
    assertThat(r.trace()).contains("rotate");
  }

  private static SafetyResult onlyWith(String purchase, String property) {
    String source =
        purchase
            + "\n||ONLY = (ESCROW || BUYER || PROVIDER || BUYER_WALLET || PROVIDER_WALLET || "
            + property
            + ").\n";
    return new Checker(FspModel.parse(source)).checkSafety("ONLY");
  }

  private static String variant(String file, String from, String to) {
    try {
      String text =
          file.endsWith(".fsp") && !file.contains("\n")
              ? Files.readString(Models.file(file))
              : file;
      assertThat(text).as("text to break").contains(from);
      return text.replace(from, to);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
