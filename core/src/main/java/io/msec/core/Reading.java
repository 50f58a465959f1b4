package io.msec.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One observation of a device: its sequence number, when it was observed, the observed properties
 * with UCUM unit codes, and where (optional). The JSON form is what a device signs:
 *
 * <pre>{@code
 * {"device":"did:key:z6Mk...","seq":42,"time":"2015-02-04T17:51:00Z",
 *  "properties":{"co2":{"value":721.25,"unit":"[ppm]"}},
 *  "location":{"lat":57.15,"lon":-2.09}}
 * }</pre>
 *
 * @param device the producing device
 * @param seq the device's sequence number, from 1, strictly increasing
 * @param observedAt when the values were observed
 * @param properties property name to value and unit, at least one
 * @param location where, or null if the device is fixed and its location is registered
 */
public record Reading(
    DidKey device,
    long seq,
    Instant observedAt,
    Map<String, Quantity> properties,
    Location location) {
  private static final Set<String> MEMBERS =
      Set.of("device", "seq", "time", "properties", "location");

  /** A value with its UCUM unit code, e.g. {@code 721.25 [ppm]}. */
  public record Quantity(double value, String unit) {
    public Quantity {
      Objects.requireNonNull(unit, "unit");
    }
  }

  /** WGS 84 latitude and longitude in degrees. */
  public record Location(double lat, double lon) {
    public Location {
      if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
        throw malformed("location out of range: lat=" + lat + " lon=" + lon);
      }
    }
  }

  public Reading {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(observedAt, "observedAt");
    properties = Map.copyOf(properties);
    if (seq < 1) {
      throw malformed("seq must be 1 or more, was " + seq);
    }
    if (properties.isEmpty()) {
      throw malformed("a reading has at least one property");
    }
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("device", device.toString());
    out.put("seq", seq);
    out.put("time", observedAt.toString());
    ObjectNode props = out.putObject("properties");
    properties.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              ObjectNode q = props.putObject(e.getKey());
              q.put("value", e.getValue().value());
              q.put("unit", e.getValue().unit());
            });
    if (location != null) {
      ObjectNode loc = out.putObject("location");
      loc.put("lat", location.lat());
      loc.put("lon", location.lon());
    }
    return out;
  }

  /**
   * Reads the JSON form strictly: unknown members, missing members and wrong kinds are refused.
   *
   * @throws MsecException {@code malformed-reading} or {@code malformed-did}
   */
  public static Reading fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw malformed("a reading is a JSON object");
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!MEMBERS.contains(name)) {
        throw malformed("unknown member '" + name + "'");
      }
    }
    DidKey device = DidKey.parse(requireText(json, "device"));
    JsonNode seq = json.get("seq");
    if (seq == null || !seq.canConvertToExactIntegral() || !seq.canConvertToLong()) {
      throw malformed("member 'seq' must be an integer");
    }
    Instant time;
    try {
      time = Instant.parse(requireText(json, "time"));
    } catch (DateTimeParseException e) {
      throw malformed("member 'time' is not an ISO-8601 UTC instant: " + json.get("time"));
    }
    return new Reading(
        device, seq.longValue(), time, properties(json.get("properties")), location(json));
  }

  private static Map<String, Quantity> properties(JsonNode props) {
    if (props == null || !props.isObject() || props.isEmpty()) {
      throw malformed("member 'properties' must be a non-empty object");
    }
    Map<String, Quantity> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode q = e.getValue();
      JsonNode value = q.get("value");
      if (!q.isObject() || value == null || !value.isNumber() || q.size() != 2) {
        throw malformed("property '" + e.getKey() + "' must be {\"value\":number,\"unit\":code}");
      }
      out.put(e.getKey(), new Quantity(value.doubleValue(), requireText(q, "unit")));
    }
    return out;
  }

  private static Location location(JsonNode json) {
    JsonNode loc = json.get("location");
    if (loc == null || loc.isNull()) {
      return null;
    }
    if (!loc.isObject() || !loc.path("lat").isNumber() || !loc.path("lon").isNumber()) {
      throw malformed("member 'location' must be {\"lat\":number,\"lon\":number}");
    }
    return new Location(loc.get("lat").doubleValue(), loc.get("lon").doubleValue());
  }

  private static String requireText(JsonNode json, String member) {
    JsonNode node = json.get(member);
    if (node == null || !node.isTextual()) {
      throw malformed("member '" + member + "' must be a string");
    }
    return node.textValue();
  }

  private static MsecException malformed(String message) {
    return new MsecException("malformed-reading", message);
  }
}
