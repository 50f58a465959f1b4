package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.internal.Fields;
import java.util.Set;

/**
 * Registers a device owned by the signer. Args: {@code {"device":"did:key:..","type":"co2-sensor",
 * "name":"room 413","location":{"lat":..,"lon":..},"schema":{"co2":{"unit":"[ppm]",...}}}}; {@code
 * name} and {@code location} may be left out.
 *
 * @param location {@code {"lat":..,"lon":..}} or null
 * @param schema a JSON object naming each property the device reports
 */
public record RegisterDevice(
    DidKey device, String deviceType, String name, JsonNode location, JsonNode schema)
    implements Operation {
  public static final String TYPE = "register-device";
  private static final Set<String> MEMBERS = Set.of("device", "type", "name", "location", "schema");
  private static final Set<String> REQUIRED = Set.of("device", "type", "schema");

  public RegisterDevice {
    if (deviceType == null || deviceType.isBlank() || deviceType.length() > 64) {
      throw Fields.malformed("a device type is 1 to 64 characters");
    }
    if (name == null || name.length() > 200) {
      throw Fields.malformed("a device name is at most 200 characters");
    }
    if (schema == null || !schema.isObject()) {
      throw Fields.malformed("a device schema is a JSON object");
    }
    if (location != null && !validLocation(location)) {
      throw Fields.malformed("a location is {\"lat\":-90..90,\"lon\":-180..180}");
    }
    location = location == null ? null : location.deepCopy();
    schema = schema.deepCopy();
  }

  private static boolean validLocation(JsonNode loc) {
    if (!loc.isObject() || loc.size() != 2) {
      return false;
    }
    JsonNode lat = loc.get("lat");
    JsonNode lon = loc.get("lon");
    return lat != null
        && lon != null
        && lat.isNumber()
        && lon.isNumber()
        && Math.abs(lat.doubleValue()) <= 90
        && Math.abs(lon.doubleValue()) <= 180;
  }

  public static RegisterDevice fromArgs(JsonNode args) {
    Fields.members(args, "register-device args", MEMBERS, REQUIRED);
    String name = args.has("name") ? Fields.text(args, "name") : "";
    JsonNode location = args.get("location");
    return new RegisterDevice(
        Fields.did(args, "device"), Fields.text(args, "type"), name, location, args.get("schema"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("device", device.toString());
    out.put("type", deviceType);
    if (!name.isEmpty()) {
      out.put("name", name);
    }
    if (location != null) {
      out.set("location", location.deepCopy());
    }
    out.set("schema", schema.deepCopy());
    return out;
  }
}
