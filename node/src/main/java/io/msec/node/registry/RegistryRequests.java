package io.msec.node.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Validates owner-signed registry requests; pure, shared by every registry implementation. */
public final class RegistryRequests {
  /** A signed request older or newer than this is refused, so old requests cannot be replayed. */
  static final Duration MAX_REQUEST_AGE = Duration.ofMinutes(10);

  private RegistryRequests() {}

  /** Checks signature, operation and fields of a {@code register-device} request. */
  public static DeviceRecord registration(Envelope request, Clock clock) {
    JsonNode p = checked(request, "register-device");
    DidKey device = did(p, "device");
    DidKey owner = did(p, "owner");
    if (!owner.equals(request.signer())) {
      throw new RegistryException("wrong-signer", "the owner must sign its own registration");
    }
    checkTime(p, clock);
    String type = text(p, "type", 64);
    String name = p.has("name") ? text(p, "name", 128) : "";
    return new DeviceRecord(
        device, owner, type, name, location(p), schema(p.get("schema")), clock.instant(), null);
  }

  /** Checks a {@code revoke-device} request and returns the device it names. */
  public static DidKey revocation(Envelope request, Clock clock) {
    JsonNode p = checked(request, "revoke-device");
    checkTime(p, clock);
    return did(p, "device");
  }

  private static JsonNode checked(Envelope request, String op) {
    if (!request.verify()) {
      throw new RegistryException("bad-signature", "the request's signature does not verify");
    }
    JsonNode p = request.payload();
    if (!op.equals(p.path("op").asText())) {
      throw malformed("member 'op' must be '" + op + "'");
    }
    return p;
  }

  private static void checkTime(JsonNode p, Clock clock) {
    Instant time;
    try {
      time = Instant.parse(text(p, "time", 40));
    } catch (DateTimeParseException e) {
      throw malformed("member 'time' is not an ISO-8601 instant");
    }
    Duration age = Duration.between(time, clock.instant()).abs();
    if (age.compareTo(MAX_REQUEST_AGE) > 0) {
      throw new RegistryException(
          "stale-request", "the request was signed at " + time + ", too far from the node's clock");
    }
  }

  private static Map<String, DeviceRecord.PropertySpec> schema(JsonNode schema) {
    if (schema == null || !schema.isObject() || schema.isEmpty() || schema.size() > 64) {
      throw malformed("member 'schema' must name 1 to 64 properties");
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

  private static Reading.Location location(JsonNode p) {
    JsonNode loc = p.get("location");
    if (loc == null || loc.isNull()) {
      return null;
    }
    if (!loc.path("lat").isNumber() || !loc.path("lon").isNumber()) {
      throw malformed("member 'location' must be {\"lat\":number,\"lon\":number}");
    }
    try {
      return new Reading.Location(loc.get("lat").doubleValue(), loc.get("lon").doubleValue());
    } catch (MsecException e) {
      throw malformed(e.getMessage());
    }
  }

  private static DidKey did(JsonNode p, String member) {
    try {
      return DidKey.parse(text(p, member, 100));
    } catch (RegistryException e) {
      throw e;
    } catch (MsecException e) {
      throw malformed("member '" + member + "': " + e.getMessage());
    }
  }

  private static String text(JsonNode p, String member, int maxLength) {
    JsonNode n = p.get(member);
    if (n == null
        || !n.isTextual()
        || n.textValue().isBlank()
        || n.textValue().length() > maxLength) {
      throw malformed(
          "member '" + member + "' must be a string of 1 to " + maxLength + " characters");
    }
    return n.textValue();
  }

  private static RegistryException malformed(String message) {
    return new RegistryException("malformed-registration", message);
  }
}
