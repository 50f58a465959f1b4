package io.msec.ledger.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.Device;
import io.msec.ledger.OperationKind;
import io.msec.ledger.TransferDevice;
import io.msec.ledger.TxContext;

/** Applies {@link TransferDevice}: owner only, device not revoked. */
public final class TransferDeviceOperation implements OperationKind<TransferDevice> {
  @Override
  public String type() {
    return TransferDevice.TYPE;
  }

  @Override
  public TransferDevice parse(JsonNode args) {
    return TransferDevice.fromArgs(args);
  }

  @Override
  public void apply(TransferDevice op, TxContext ctx) {
    Device d = Devices.ownedActive(ctx.state(), op.device(), ctx.signer());
    ctx.state().put(Device.key(op.device()), d.withOwner(op.owner()));
  }
}
