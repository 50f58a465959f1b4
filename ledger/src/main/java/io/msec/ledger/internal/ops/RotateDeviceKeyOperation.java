package io.msec.ledger.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.Device;
import io.msec.ledger.OperationKind;
import io.msec.ledger.RotateDeviceKey;
import io.msec.ledger.TxContext;

/** Applies {@link RotateDeviceKey}: owner only, device not revoked. */
public final class RotateDeviceKeyOperation implements OperationKind<RotateDeviceKey> {
  @Override
  public String type() {
    return RotateDeviceKey.TYPE;
  }

  @Override
  public RotateDeviceKey parse(JsonNode args) {
    return RotateDeviceKey.fromArgs(args);
  }

  @Override
  public void apply(RotateDeviceKey op, TxContext ctx) {
    Device d = Devices.ownedActive(ctx.state(), op.device(), ctx.signer());
    ctx.state().put(Device.key(op.device()), d.withKey(op.key()));
  }
}
