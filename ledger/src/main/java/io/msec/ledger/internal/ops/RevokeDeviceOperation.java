package io.msec.ledger.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.Device;
import io.msec.ledger.OperationKind;
import io.msec.ledger.RevokeDevice;
import io.msec.ledger.TxContext;

/** Applies {@link RevokeDevice}: owner only; a revoked device stays revoked. */
public final class RevokeDeviceOperation implements OperationKind<RevokeDevice> {
  @Override
  public String type() {
    return RevokeDevice.TYPE;
  }

  @Override
  public RevokeDevice parse(JsonNode args) {
    return RevokeDevice.fromArgs(args);
  }

  @Override
  public void apply(RevokeDevice op, TxContext ctx) {
    Device d = Devices.ownedActive(ctx.state(), op.device(), ctx.signer());
    ctx.state().put(Device.key(op.device()), d.asRevoked());
  }
}
