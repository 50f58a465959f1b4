package io.msec.ledger.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.Anchor;
import io.msec.ledger.AnchorBatch;
import io.msec.ledger.Device;
import io.msec.ledger.LedgerException;
import io.msec.ledger.OperationKind;
import io.msec.ledger.TxContext;

/**
 * Applies {@link AnchorBatch}: signed by the device's owner, its current key or the sequencer;
 * batches of one device never overlap and follow each other in sequence order.
 */
public final class AnchorOperation implements OperationKind<AnchorBatch> {
  @Override
  public String type() {
    return AnchorBatch.TYPE;
  }

  @Override
  public AnchorBatch parse(JsonNode args) {
    return AnchorBatch.fromArgs(args);
  }

  @Override
  public void apply(AnchorBatch op, TxContext ctx) {
    Device d = Devices.existing(ctx.state(), op.device());
    if (!ctx.signer().equals(d.owner())
        && !ctx.signer().equals(d.key())
        && !ctx.signer().equals(ctx.sequencer())) {
      throw new LedgerException(
          LedgerException.NOT_OWNER,
          "only the owner, the device or the sequencer anchors device " + op.device());
    }
    if (op.from() <= d.anchoredTo()) {
      throw new LedgerException(
          LedgerException.BAD_ANCHOR,
          "device " + op.device() + " is anchored up to seq " + d.anchoredTo());
    }
    Anchor anchor =
        new Anchor(
            op.device(), op.from(), op.to(), op.count(), op.root(), ctx.txId(), ctx.height());
    ctx.state().put(Anchor.key(op.device(), op.from()), anchor);
    ctx.state().put(Device.key(op.device()), d.withAnchoredTo(op.to()));
  }
}
