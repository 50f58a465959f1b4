package io.msec.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Identity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A light client checks a device's key or a balance against a signed head's state root. */
class StateProofTest {
  @TempDir Path dir;

  @Test
  void provesDeviceAndAccountEntriesUnderTheSignedHead() {
    Identity device = Fixture.seeded(50);
    try (Fixture f = new Fixture(dir)) {
      f.commit(f.treasury, new Mint(f.alice.did(), 70));
      f.commit(f.alice, new RegisterDevice(device.did(), "co2-sensor", "", null, Fixture.schema()));
      SignedHead head = f.ledger.head();

      ObjectNode deviceProof = f.ledger.proveState(Device.key(device.did()));
      ObjectNode balanceProof = f.ledger.proveState(Account.key(f.alice.did()));

      assertThat(ProofChecker.checkState(deviceProof, head).valid()).isTrue();
      assertThat(deviceProof.get("value").get("key").textValue())
          .isEqualTo(device.did().toString());
      assertThat(ProofChecker.checkState(balanceProof, head).valid()).isTrue();
      assertThat(balanceProof.get("value").get("balance").textValue()).isEqualTo("70");

      ObjectNode richer = balanceProof.deepCopy();
      ((ObjectNode) richer.get("value")).put("balance", "71");
      assertThat(ProofChecker.checkState(richer, head).failedStep()).isEqualTo("state-inclusion");
      f.commit(f.alice, new Transfer(f.bob.did(), 1));
      assertThat(ProofChecker.checkState(balanceProof, f.ledger.head()).failedStep())
          .isEqualTo("head");
      assertThatThrownBy(() -> f.ledger.proveState("device/nothing"))
          .extracting(e -> ((LedgerException) e).code())
          .isEqualTo(LedgerException.NOT_FOUND);
    }
  }

  @Test
  void changingAnySingleByteOfAStateProofMakesItFail() {
    try (Fixture f = new Fixture(dir)) {
      f.commit(f.treasury, new Mint(f.alice.did(), 70));
      SignedHead head = f.ledger.head();
      byte[] text =
          f.ledger
              .proveState(Account.key(f.alice.did()))
              .toString()
              .getBytes(StandardCharsets.UTF_8);

      for (int i = 0; i < text.length; i++) {
        byte[] changed = text.clone();
        changed[i] ^= 0x01;
        boolean valid;
        try {
          valid =
              ProofChecker.checkState(io.msec.core.Json.mapper().readTree(changed), head).valid();
        } catch (java.io.IOException e) {
          valid = false;
        }
        assertThat(valid).as("byte %d", i).isFalse();
      }
    }
  }
}
