package io.msec.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.Reading;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an owner registers about a device (docs/protocol.md): its type, a display name, where it is
 * and the properties it may report with their UCUM units and plausible ranges. Immutable.
 *
 * @param device the device's did
 * @param type a device type such as {@code co2-sensor}
 * @param name a display name, e.g. {@code room 413}, or empty for none
 * @param location where the device is, or null if it moves or is unknown
 * @param schema property name to unit and range, at least one
 */
public record DeviceRegistration(
    DidKey device,
    String type,
    String name,
    Reading.Location location,
    Map<String, PropertySchema> schema) {

  /**
   * One property a device may report.
   *
   * @param unit the UCUM unit code, e.g. {@code [ppm]}
   * @param min the lowest plausible value, or null for none
   * @param max the highest plausible value, or null for none
   */
  public record PropertySchema(String unit, Double min, Double max) {
    public PropertySchema {
      Objects.requireNonNull(unit, "unit");
    }
  }

  public DeviceRegistration {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    schema = Map.copyOf(schema);
  }

  /**
   * The arguments of a {@code register-device} ledger transaction (docs/ledger.md): {@code device},
   * {@code type}, {@code name} unless empty, {@code location} unless null, and {@code schema}.
   */
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("device", device.toString());
    out.put("type", type);
    if (!name.isEmpty()) {
      out.put("name", name);
    }
    if (location != null) {
      ObjectNode loc = out.putObject("location");
      loc.put("lat", location.lat());
      loc.put("lon", location.lon());
    }
    ObjectNode props = out.putObject("schema");
    new TreeMap<>(schema)
        .forEach(
            (property, s) -> {
              ObjectNode p = props.putObject(property);
              p.put("unit", s.unit());
              if (s.min() != null) {
                p.put("min", s.min());
              }
              if (s.max() != null) {
                p.put("max", s.max());
              }
            });
    return out;
  }
}
