package io.msec.node.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.Reading;
import io.msec.ledger.Ledger;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.TransactionBuilder;
import io.msec.node.registry.DeviceRecord;
import java.util.Map;

/**
 * Builds owner-signed device registrations for code that runs beside the node's ledger (the demo,
 * benchmarks, tests); remote owners use the device SDK, which builds the same transaction.
 */
public final class Registrations {
  private Registrations() {}

  /** A signed {@code register-device} transaction with the owner's next nonce on {@code ledger}. */
  public static JsonNode register(
      Ledger ledger,
      Identity owner,
      Identity device,
      String type,
      String name,
      Reading.Location location,
      Map<String, DeviceRecord.PropertySpec> schema) {
    ObjectNode s = Json.mapper().createObjectNode();
    schema.forEach(
        (property, spec) ->
            s.putObject(property)
                .put("unit", spec.unit())
                .put("min", spec.min())
                .put("max", spec.max()));
    ObjectNode loc = null;
    if (location != null) {
      loc = Json.mapper().createObjectNode().put("lat", location.lat()).put("lon", location.lon());
    }
    return TransactionBuilder.sign(
            owner,
            ledger.nextNonce(owner.did()),
            new RegisterDevice(device.did(), type, name, loc, s))
        .toJson();
  }
}
