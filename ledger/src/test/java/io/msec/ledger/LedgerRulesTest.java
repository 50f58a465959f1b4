package io.msec.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Hashes;
import io.msec.core.Identity;
import io.msec.core.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal carries its stable code and leaves the chain and the state untouched. */
class LedgerRulesTest {
  @TempDir Path dir;
  Fixture f;
  Identity device = Fixture.seeded(9);

  @BeforeEach
  void setUp() {
    f = new Fixture(dir);
    f.commit(f.treasury, new Mint(f.alice.did(), 100));
    f.commit(f.alice, new RegisterDevice(device.did(), "co2-sensor", "", null, Fixture.schema()));
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private void assertRefused(Transaction tx, String code) {
    SignedHead before = f.ledger.head();
    long alice = f.ledger.balance(f.alice.did());
    long supply = f.ledger.totalSupply();

    assertThatThrownBy(() -> Fixture.await(f.ledger.submit(tx)))
        .isInstanceOf(LedgerException.class)
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(code);

    SignedHead after = f.ledger.head();
    assertThat(after.size()).isEqualTo(before.size());
    assertThat(after.stateRoot()).isEqualTo(before.stateRoot());
    assertThat(f.ledger.balance(f.alice.did())).isEqualTo(alice);
    assertThat(f.ledger.totalSupply()).isEqualTo(supply);
    assertThat(f.ledger.receipt(tx.idHex())).isEmpty();
  }

  @Test
  void refusesTransactionWithBadSignature() {
    Transaction good = f.tx(f.alice, new Transfer(f.bob.did(), 10));
    ObjectNode json = good.toJson();
    byte[] sig = good.signature();
    sig[5] ^= 1;
    json.put("sig", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sig));

    assertRefused(Transaction.fromJson(json), LedgerException.BAD_SIGNATURE);
  }

  @Test
  void refusesTransactionSignedByAnotherKey() {
    Transaction byBob = TransactionBuilder.sign(f.bob, 2, new Transfer(f.bob.did(), 10));
    ObjectNode json = byBob.toJson();
    json.put("account", f.alice.did().toString());

    assertRefused(Transaction.fromJson(json), LedgerException.BAD_SIGNATURE);
  }

  @Test
  void refusesWrongNonceAheadAndBehind() {
    long next = f.ledger.nextNonce(f.alice.did());

    assertRefused(
        TransactionBuilder.sign(f.alice, next + 1, new Transfer(f.bob.did(), 1)),
        LedgerException.WRONG_NONCE);
    assertRefused(
        TransactionBuilder.sign(f.alice, next - 1, new Transfer(f.bob.did(), 1)),
        LedgerException.WRONG_NONCE);
  }

  @Test
  void replayedTransactionReturnsFirstReceiptAndChangesNothing() {
    Transaction pay = f.tx(f.alice, new Transfer(f.bob.did(), 10));
    Receipt first = Fixture.await(f.ledger.submit(pay));
    SignedHead head = f.ledger.head();

    Receipt again = Fixture.await(f.ledger.submit(Transaction.fromJson(pay.toJson())));

    assertThat(again).isEqualTo(first);
    assertThat(f.ledger.head()).isEqualTo(head);
    assertThat(f.ledger.balance(f.bob.did())).isEqualTo(10);
  }

  @Test
  void replayedTransactionAfterRestartReturnsFirstReceipt() {
    Transaction pay = f.tx(f.alice, new Transfer(f.bob.did(), 10));
    Receipt first = Fixture.await(f.ledger.submit(pay));
    f.reopen();

    assertThat(Fixture.await(f.ledger.submit(pay))).isEqualTo(first);
    assertThat(f.ledger.balance(f.bob.did())).isEqualTo(10);
  }

  @Test
  void refusesTransferBeyondBalance() {
    assertRefused(
        f.tx(f.alice, new Transfer(f.bob.did(), 101)), LedgerException.INSUFFICIENT_FUNDS);
    assertRefused(f.tx(f.bob, new Transfer(f.alice.did(), 1)), LedgerException.INSUFFICIENT_FUNDS);
  }

  @Test
  void refusesMintByNonTreasury() {
    assertRefused(f.tx(f.alice, new Mint(f.alice.did(), 5)), LedgerException.NOT_TREASURY);
  }

  @Test
  void refusesMintThatOverflowsSupplyOrBalance() {
    f.commit(f.treasury, new Mint(f.bob.did(), Long.MAX_VALUE - 100));

    assertRefused(f.tx(f.treasury, new Mint(f.bob.did(), 1)), LedgerException.OVERFLOW);
    assertRefused(
        f.tx(f.treasury, new Mint(f.treasury.did(), Long.MAX_VALUE)), LedgerException.OVERFLOW);
  }

  @Test
  void refusesAmountBeyondSixtyFourBits() {
    Transaction tx = f.tx(f.treasury, new Mint(f.bob.did(), 1));
    ObjectNode json = tx.toJson();
    ((ObjectNode) json.get("args")).put("amount", "9223372036854775808");
    Transaction forged = resign(f.treasury, json);

    assertRefused(forged, LedgerException.OVERFLOW);
  }

  @Test
  void refusesChangesToSomeoneElsesDevice() {
    Identity newKey = Fixture.seeded(10);
    assertRefused(
        f.tx(f.bob, new RotateDeviceKey(device.did(), newKey.did())), LedgerException.NOT_OWNER);
    assertRefused(
        f.tx(f.bob, new TransferDevice(device.did(), f.bob.did())), LedgerException.NOT_OWNER);
    assertRefused(f.tx(f.bob, new RevokeDevice(device.did())), LedgerException.NOT_OWNER);
    assertRefused(
        f.tx(f.bob, new AnchorBatch(device.did(), 1, 2, 2, new byte[32])),
        LedgerException.NOT_OWNER);
  }

  @Test
  void refusesRegisteringAnExistingDeviceAndChangingAnUnknownOne() {
    assertRefused(
        f.tx(f.bob, new RegisterDevice(device.did(), "x", "", null, Fixture.schema())),
        LedgerException.DEVICE_EXISTS);
    assertRefused(
        f.tx(f.alice, new RevokeDevice(Fixture.seeded(11).did())), LedgerException.UNKNOWN_DEVICE);
  }

  @Test
  void refusesChangesToRevokedDeviceAndOverlappingAnchors() {
    f.commit(f.alice, new AnchorBatch(device.did(), 1, 10, 10, new byte[32]));
    assertRefused(
        f.tx(f.alice, new AnchorBatch(device.did(), 10, 12, 3, new byte[32])),
        LedgerException.BAD_ANCHOR);
    f.commit(f.alice, new RevokeDevice(device.did()));

    assertRefused(f.tx(f.alice, new RevokeDevice(device.did())), LedgerException.DEVICE_REVOKED);
    assertThat(f.ledger.activeDeviceKey(device.did())).isEmpty();
  }

  @Test
  void refusesMalformedTransactions() {
    ObjectNode args = Json.mapper().createObjectNode().put("to", "nobody").put("amount", "5");
    assertRefused(resign(f.alice, unsigned(f.alice, "transfer", args)), "malformed-transaction");
    ObjectNode negative =
        Json.mapper().createObjectNode().put("to", f.bob.did().toString()).put("amount", "-5");
    assertRefused(
        resign(f.alice, unsigned(f.alice, "transfer", negative)), "malformed-transaction");
    ObjectNode extra = new Transfer(f.bob.did(), 5).toArgs().put("memo", "hi");
    assertRefused(resign(f.alice, unsigned(f.alice, "transfer", extra)), "malformed-transaction");
    assertRefused(
        resign(f.alice, unsigned(f.alice, "burn", new Transfer(f.bob.did(), 5).toArgs())),
        LedgerException.UNKNOWN_OPERATION);
  }

  @Test
  void refusesMalformedWireForms() {
    ObjectNode json = f.tx(f.alice, new Transfer(f.bob.did(), 5)).toJson();
    String[] broken = {
      json.deepCopy().put("nonce", 1.5).toString(),
      json.deepCopy().put("nonce", 0).toString(),
      json.deepCopy().put("extra", 1).toString(),
      json.deepCopy().put("sig", "AAAA").toString(),
      json.deepCopy().put("account", "did:web:example.com").toString(),
      json.deepCopy().put("op", "Transfer").toString(),
      "[]"
    };
    for (String text : broken) {
      assertThatThrownBy(() -> Transaction.fromBytes(text.getBytes()))
          .as(text)
          .isInstanceOf(LedgerException.class)
          .extracting(e -> ((LedgerException) e).code())
          .isEqualTo(LedgerException.MALFORMED_TRANSACTION);
    }
  }

  @Test
  void refusesTransactionsTooLargeForABlockRecord() {
    ObjectNode schema = Json.mapper().createObjectNode();
    for (int i = 0; i < 2000; i++) {
      schema.putObject("property" + i).put("unit", "[ppm]");
    }
    RegisterDevice big = new RegisterDevice(Fixture.seeded(12).did(), "x", "", null, schema);

    assertThatThrownBy(() -> f.tx(f.alice, big))
        .isInstanceOf(LedgerException.class)
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(LedgerException.MALFORMED_TRANSACTION);
  }

  private ObjectNode unsigned(Identity account, String op, ObjectNode args) {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("account", account.did().toString());
    json.put("nonce", f.ledger.nextNonce(account.did()));
    json.put("op", op);
    json.set("args", args);
    return json;
  }

  /** Signs a hand-made transaction body, as a client that skips the builder would. */
  static Transaction resign(Identity account, ObjectNode json) {
    json.remove("sig");
    byte[] body = io.msec.core.CanonicalJson.bytes(json);
    byte[] msg = new byte[Transaction.DOMAIN.length + body.length];
    System.arraycopy(Transaction.DOMAIN, 0, msg, 0, Transaction.DOMAIN.length);
    System.arraycopy(body, 0, msg, Transaction.DOMAIN.length, body.length);
    json.put(
        "sig", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(account.sign(msg)));
    return Transaction.fromJson(json);
  }

  @Test
  void transactionIdIsSha256OfCanonicalSignedForm() {
    Transaction tx = f.tx(f.alice, new Transfer(f.bob.did(), 5));
    byte[] canonical = io.msec.core.CanonicalJson.bytes(tx.toJson());

    assertThat(tx.idHex()).isEqualTo(Hashes.hex(Hashes.sha256(canonical)));
    assertThat(DidKey.parse(tx.toJson().get("account").textValue())).isEqualTo(f.alice.did());
  }
}
