package io.msec.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Identity;
import io.msec.core.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Register, rotate, hand over, anchor and revoke a device; the state survives a restart. */
class DeviceLifecycleTest {
  @TempDir Path dir;

  @Test
  void deviceLivesThroughRotationTransferAnchorsAndRevocation() {
    Identity device = Fixture.seeded(30);
    Identity rotated = Fixture.seeded(31);
    try (Fixture f = new Fixture(dir)) {
      ObjectNode location = Json.mapper().createObjectNode().put("lat", 57.15).put("lon", -2.09);
      f.commit(
          f.alice,
          new RegisterDevice(device.did(), "pm-sensor", "bus stop", location, Fixture.schema()));
      assertThat(f.ledger.activeDeviceKey(device.did())).contains(device.did());

      f.commit(f.alice, new RotateDeviceKey(device.did(), rotated.did()));
      assertThat(f.ledger.activeDeviceKey(device.did())).contains(rotated.did());
      f.commit(rotated, new AnchorBatch(device.did(), 1, 5, 5, new byte[32]));
      f.commit(f.alice, new TransferDevice(device.did(), f.bob.did()));
      assertThatThrownBy(() -> f.commit(f.alice, new RevokeDevice(device.did())))
          .extracting(e -> ((LedgerException) e).code())
          .isEqualTo(LedgerException.NOT_OWNER);
      f.commit(f.bob, new AnchorBatch(device.did(), 8, 20, 10, new byte[32]));
      f.commit(f.sequencer, new AnchorBatch(device.did(), 21, 21, 1, new byte[32]));
      f.commit(f.bob, new RevokeDevice(device.did()));

      Device d = f.ledger.device(device.did()).orElseThrow();
      assertThat(d.owner()).isEqualTo(f.bob.did());
      assertThat(d.key()).isEqualTo(rotated.did());
      assertThat(d.revoked()).isTrue();
      assertThat(d.anchoredTo()).isEqualTo(21);
      assertThat(d.location()).isEqualTo(location);
      assertThat(f.ledger.activeDeviceKey(device.did())).isEmpty();
      assertThat(f.ledger.anchors(device.did()))
          .extracting(Anchor::from)
          .containsExactly(1L, 8L, 21L);
      assertThat(f.ledger.anchorCovering(device.did(), 6)).isEmpty();
      assertThat(f.ledger.anchorCovering(device.did(), 20)).map(Anchor::from).contains(8L);
      assertThat(f.ledger.anchorCovering(Fixture.seeded(32).did(), 1)).isEmpty();
      SignedHead head = f.ledger.head();

      f.reopen();

      assertThat(f.ledger.device(device.did())).contains(d);
      assertThat(f.ledger.head().stateRoot()).isEqualTo(head.stateRoot());
      assertThat(f.ledger.head().root()).isEqualTo(head.root());
      assertThat(f.ledger.anchors(device.did())).hasSize(3);
    }
  }

  @Test
  void extraOperationKindsPlugInWithoutTouchingTheStateMachine() {
    OperationKind<Rate> rating =
        new OperationKind<>() {
          @Override
          public String type() {
            return "rate";
          }

          @Override
          public Rate parse(com.fasterxml.jackson.databind.JsonNode args) {
            return new Rate(args.path("stars").asInt());
          }

          @Override
          public void apply(Rate op, TxContext ctx) {
            if (op.stars() < 1 || op.stars() > 5) {
              throw new LedgerException(LedgerException.MALFORMED_TRANSACTION, "1 to 5 stars");
            }
            ctx.state().put("rating/" + ctx.signer(), op);
          }
        };
    Fixture keys = new Fixture.Keys();
    try (Ledger l =
        Ledger.open(
            dir,
            keys.sequencer,
            keys.treasury.did(),
            keys.clock,
            Fixture.FAST,
            OperationRegistry.standard().with(rating),
            io.msec.ledger.internal.EmbeddedSequencer::new)) {
      Fixture.await(l.submit(TransactionBuilder.sign(keys.alice, 1, new Rate(4))));

      assertThat(l.state().get("rating/" + keys.alice.did(), Rate.class)).contains(new Rate(4));
      assertThatThrownBy(
              () -> Fixture.await(l.submit(TransactionBuilder.sign(keys.alice, 2, new Rate(9)))))
          .extracting(e -> ((LedgerException) e).code())
          .isEqualTo(LedgerException.MALFORMED_TRANSACTION);
    }
  }

  record Rate(int stars) implements Operation, StateEntry {
    @Override
    public String type() {
      return "rate";
    }

    @Override
    public ObjectNode toArgs() {
      return Json.mapper().createObjectNode().put("stars", stars);
    }

    @Override
    public ObjectNode toJson() {
      return toArgs();
    }
  }
}
