package io.msec.node.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and checks a device schema: each property's UCUM unit and plausible range. */
public final class Schemas {
  private Schemas() {}

  /**
   * @throws RegistryException {@code malformed-registration} or {@code unknown-unit}
   */
  public static Map<String, DeviceRecord.PropertySpec> parse(JsonNode schema) {
    if (schema == null || !schema.isObject() || schema.isEmpty() || schema.size() > 64) {
      throw malformed("the schema must name 1 to 64 properties");
    }
    Map<String, DeviceRecord.PropertySpec> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode spec = e.getValue();
      if (!e.getKey().matches("[A-Za-z][A-Za-z0-9_.-]{0,63}")) {
        throw malformed("property name '" + e.getKey() + "' is not a plain identifier");
      }
      String unit = spec.path("unit").asText(null);
      if (!Units.isKnown(unit)) {
        throw new RegistryException(
            "unknown-unit", "property '" + e.getKey() + "' has unknown UCUM unit " + unit);
      }
      if (!spec.path("min").isNumber() || !spec.path("max").isNumber()) {
        throw malformed("property '" + e.getKey() + "' needs numeric 'min' and 'max'");
      }
      double min = spec.get("min").doubleValue();
      double max = spec.get("max").doubleValue();
      if (!(min < max)) {
        throw malformed("property '" + e.getKey() + "' has min >= max");
      }
      out.put(e.getKey(), new DeviceRecord.PropertySpec(unit, min, max));
    }
    return out;
  }

  private static RegistryException malformed(String message) {
    return new RegistryException("malformed-registration", message);
  }
}
