package io.msec.ledger.internal.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.ledger.Device;
import io.msec.ledger.LedgerException;
import io.msec.ledger.OperationKind;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.TxContext;

/**
 * Applies {@link RegisterDevice}: the signer becomes the owner; an identifier is used once.
 *
 * <p>Limitation: the device key does not co-sign its registration, so anyone may register a did:key
 * first and own it; the node must check possession before it submits a registration.
 */
public final class RegisterDeviceOperation implements OperationKind<RegisterDevice> {
  @Override
  public String type() {
    return RegisterDevice.TYPE;
  }

  @Override
  public RegisterDevice parse(JsonNode args) {
    return RegisterDevice.fromArgs(args);
  }

  @Override
  public void apply(RegisterDevice op, TxContext ctx) {
    String key = Device.key(op.device());
    if (ctx.state().get(key).isPresent()) {
      throw new LedgerException(
          LedgerException.DEVICE_EXISTS, "device " + op.device() + " is already registered");
    }
    ctx.state()
        .put(
            key,
            new Device(
                op.device(),
                op.device(),
                ctx.signer(),
                op.deviceType(),
                op.name(),
                op.location(),
                op.schema(),
                false,
                0,
                ctx.height()));
  }
}
