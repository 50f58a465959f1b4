package io.msec.ledger.internal.ops;

import io.msec.core.DidKey;
import io.msec.ledger.Device;
import io.msec.ledger.LedgerException;
import io.msec.ledger.StateView;

/** Lookups and ownership checks shared by the device operations. */
final class Devices {
  private Devices() {}

  static Device existing(StateView state, DidKey id) {
    return state
        .get(Device.key(id), Device.class)
        .orElseThrow(() -> new LedgerException(LedgerException.UNKNOWN_DEVICE, "no device " + id));
  }

  /** The device, if {@code signer} owns it and it is not revoked. */
  static Device ownedActive(StateView state, DidKey id, DidKey signer) {
    Device d = existing(state, id);
    if (!d.owner().equals(signer)) {
      throw new LedgerException(
          LedgerException.NOT_OWNER, "device " + id + " belongs to another account");
    }
    if (d.revoked()) {
      throw new LedgerException(LedgerException.DEVICE_REVOKED, "device " + id + " is revoked");
    }
    return d;
  }
}
