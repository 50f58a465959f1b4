package io.msec.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.CanonicalJson;
import io.msec.core.Identity;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.device.DeviceRegistration.PropertySchema;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.RevokeDevice;
import io.msec.ledger.RotateDeviceKey;
import io.msec.ledger.Transaction;
import io.msec.ledger.TransactionBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The SDK's transactions, read back with the ledger's own parser and signature check. */
class LedgerTransactionsTest {
  private static final Identity OWNER = Identity.generate();
  private static final Identity DEVICE = Identity.generate();
  private static final Identity NEW_KEY = Identity.generate();

  private static DeviceRegistration registration(String name, Reading.Location location) {
    return new DeviceRegistration(
        DEVICE.did(),
        "co2-sensor",
        name,
        location,
        Map.of(
            "co2", new PropertySchema("[ppm]", 0.0, 10000.0),
            "temperature", new PropertySchema("Cel", -40.5, null)));
  }

  /** The signed transaction as the node receives it: RFC 8785 text, parsed by the ledger. */
  private static Transaction onTheWire(ObjectNode tx) {
    return Transaction.fromBytes(CanonicalJson.bytes(tx));
  }

  @Test
  void registrationIsATransactionTheLedgerAcceptsWithTheOwnersSignature() {
    DeviceRegistration registration =
        registration("room 413", new Reading.Location(37.875, -122.258));

    Transaction tx =
        onTheWire(
            LedgerTransactions.sign(
                OWNER, 7, "register-device", LedgerTransactions.registerArgs(registration)));

    assertThat(tx.verifySignature()).isTrue();
    assertThat(tx.account()).isEqualTo(OWNER.did());
    assertThat(tx.nonce()).isEqualTo(7);
    assertThat(tx.op()).isEqualTo(RegisterDevice.TYPE);
    RegisterDevice op = RegisterDevice.fromArgs(tx.args());
    assertThat(op.device()).isEqualTo(DEVICE.did());
    assertThat(op.deviceType()).isEqualTo("co2-sensor");
    assertThat(op.name()).isEqualTo("room 413");
    assertThat(op.location().path("lat").asDouble()).isEqualTo(37.875);
    assertThat(op.schema().path("co2").path("max").asDouble()).isEqualTo(10000.0);
    assertThat(op.schema().path("temperature").has("max")).isFalse();
  }

  @Test
  void registrationLeavesOutAnEmptyNameAndAMissingLocation() {
    ObjectNode args = registration("", null).toArgs();

    assertThat(args.has("name")).isFalse();
    assertThat(args.has("location")).isFalse();
    Transaction tx = onTheWire(LedgerTransactions.sign(OWNER, 1, "register-device", args));
    assertThat(tx.verifySignature()).isTrue();
    assertThat(RegisterDevice.fromArgs(tx.args()).name()).isEmpty();
  }

  @Test
  void signsTheSameBytesAsTheLedgersOwnBuilder() {
    ObjectNode args = registration("room 413", new Reading.Location(37.875, -122.258)).toArgs();
    RegisterDevice op = RegisterDevice.fromArgs(args);

    ObjectNode ours = LedgerTransactions.sign(OWNER, 3, RegisterDevice.TYPE, args);
    Transaction theirs = TransactionBuilder.sign(OWNER, 3, op);

    // Ed25519 signatures are deterministic, so equal signed bytes give equal transactions.
    assertThat(CanonicalJson.string(ours))
        .isEqualTo(new String(theirs.canonicalBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void revocationIsATransactionTheLedgerAccepts() {
    Transaction tx =
        onTheWire(
            LedgerTransactions.sign(
                OWNER, 2, "revoke-device", LedgerTransactions.revokeArgs(DEVICE.did())));

    assertThat(tx.verifySignature()).isTrue();
    assertThat(tx.op()).isEqualTo(RevokeDevice.TYPE);
    assertThat(RevokeDevice.fromArgs(tx.args())).isEqualTo(new RevokeDevice(DEVICE.did()));
  }

  @Test
  void rotationIsATransactionTheLedgerAccepts() {
    Transaction tx =
        onTheWire(
            LedgerTransactions.sign(
                OWNER,
                9,
                "rotate-device-key",
                LedgerTransactions.rotateArgs(DEVICE.did(), NEW_KEY.did())));

    assertThat(tx.verifySignature()).isTrue();
    assertThat(tx.op()).isEqualTo(RotateDeviceKey.TYPE);
    assertThat(RotateDeviceKey.fromArgs(tx.args()))
        .isEqualTo(new RotateDeviceKey(DEVICE.did(), NEW_KEY.did()));
  }

  @Test
  void refusesANonceBelowOne() {
    assertThatThrownBy(
            () ->
                LedgerTransactions.sign(
                    OWNER, 0, "revoke-device", LedgerTransactions.revokeArgs(DEVICE.did())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void doesNotKeepAReferenceToTheCallersArguments() {
    ObjectNode args = LedgerTransactions.revokeArgs(DEVICE.did());
    ObjectNode tx = LedgerTransactions.sign(OWNER, 1, "revoke-device", args);

    args.put("device", NEW_KEY.did().toString());

    assertThat(onTheWire(tx).verifySignature()).isTrue();
  }

  @Provide
  Arbitrary<ObjectNode> transactions() {
    ObjectNode register =
        LedgerTransactions.sign(
            OWNER,
            7,
            "register-device",
            registration("room 413", new Reading.Location(37.875, -122.258)).toArgs());
    ObjectNode revoke =
        LedgerTransactions.sign(
            OWNER, 8, "revoke-device", LedgerTransactions.revokeArgs(DEVICE.did()));
    ObjectNode rotate =
        LedgerTransactions.sign(
            OWNER,
            9,
            "rotate-device-key",
            LedgerTransactions.rotateArgs(DEVICE.did(), NEW_KEY.did()));
    return Arbitraries.of(register, revoke, rotate);
  }

  @Property(tries = 300)
  void aTransactionWithOneByteChangedIsRefusedOrFailsItsSignature(
      @ForAll("transactions") ObjectNode tx,
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int delta) {
    byte[] bytes = CanonicalJson.bytes(tx);
    int at = where % bytes.length;
    bytes[at] = (byte) (bytes[at] + delta);

    Transaction changed;
    try {
      changed = Transaction.fromBytes(bytes);
    } catch (MsecException e) {
      return;
    }

    assertThat(changed.verifySignature())
        .as("signature of %s", new String(bytes, StandardCharsets.UTF_8))
        .isFalse();
  }

  @Test
  void theUnsignedFormIsTheTransactionWithoutSig() {
    ObjectNode tx =
        LedgerTransactions.sign(
            OWNER, 4, "revoke-device", LedgerTransactions.revokeArgs(DEVICE.did()));
    ObjectNode unsigned = tx.deepCopy();
    unsigned.remove("sig");

    byte[] signed = LedgerTransactions.signingBytes(unsigned);
    byte[] sig = java.util.Base64.getUrlDecoder().decode(tx.get("sig").asText());

    assertThat(new String(signed, StandardCharsets.UTF_8))
        .startsWith("msec/tx/v1\n{\"account\":\"" + OWNER.did() + "\",\"args\":");
    assertThat(OWNER.did().verify(signed, sig)).isTrue();
    List<String> members = new ArrayList<>();
    tx.fieldNames().forEachRemaining(members::add);
    assertThat(members).containsExactlyInAnyOrder("account", "nonce", "op", "args", "sig");
  }
}
