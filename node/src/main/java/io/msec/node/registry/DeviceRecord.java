package io.msec.node.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.Reading;
import java.time.Instant;
import java.util.Map;

/**
 * A registered device as the node knows it. Immutable.
 *
 * @param device the device's identifier: the key it was registered with
 * @param key the key its readings are signed with now (the identifier until a rotation)
 * @param owner the account that registered it and alone may change it
 * @param type a free-form kind, e.g. {@code co2-sensor}
 * @param name a display name, may be empty
 * @param location where it is fixed, or null for a moving device
 * @param schema each property it may report, with unit and plausible range
 * @param registeredAt when the node accepted the registration
 * @param revoked true once its owner revoked it; its readings are refused from then on
 */
public record DeviceRecord(
    DidKey device,
    DidKey key,
    DidKey owner,
    String type,
    String name,
    Reading.Location location,
    Map<String, PropertySpec> schema,
    Instant registeredAt,
    boolean revoked) {

  /** A property a device may report: its UCUM unit and plausible range, inclusive. */
  public record PropertySpec(String unit, double min, double max) {}

  public DeviceRecord {
    schema = Map.copyOf(schema);
  }

  /** The JSON form the API serves. */
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("id", device.toString());
    out.put("key", key.toString());
    out.put("owner", owner.toString());
    out.put("type", type);
    out.put("name", name);
    if (location != null) {
      out.putObject("location").put("lat", location.lat()).put("lon", location.lon());
    }
    ObjectNode s = out.putObject("schema");
    schema.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                s.putObject(e.getKey())
                    .put("unit", e.getValue().unit())
                    .put("min", e.getValue().min())
                    .put("max", e.getValue().max()));
    out.put("registeredAt", registeredAt.toString());
    out.put("revoked", revoked);
    return out;
  }
}
