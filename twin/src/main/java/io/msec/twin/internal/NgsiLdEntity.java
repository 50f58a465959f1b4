package io.msec.twin.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.core.Reading;
import io.msec.twin.Twin;
import io.msec.twin.TwinProperty;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds the NGSI-LD normalized entity of a {@link Twin}. */
public final class NgsiLdEntity {
  /** The NGSI-LD core context. */
  public static final String CORE_CONTEXT =
      "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld";

  /** Prefix of entity ids; the did's method-specific identifier follows. */
  public static final String ID_PREFIX = "urn:ngsi-ld:Device:";

  /**
   * Member names the entity itself uses or NGSI-LD reserves; a reading property with one of these
   * names is left out of the entity.
   */
  public static final Set<String> RESERVED =
      Set.of(
          "id",
          "type",
          "@context",
          "scope",
          "location",
          "observationSpace",
          "operationSpace",
          "createdAt",
          "modifiedAt",
          "deletedAt",
          "name",
          "deviceCategory",
          "sealed");

  private static final String DID_KEY_PREFIX = "did:key:";

  private NgsiLdEntity() {}

  /** See {@link Twin#toNgsiLd(String, String, Reading.Location)}. */
  public static ObjectNode of(
      Twin twin, String type, String name, Reading.Location registeredLocation) {
    ObjectNode entity = Json.mapper().createObjectNode();
    entity.put("id", ID_PREFIX + twin.device().toString().substring(DID_KEY_PREFIX.length()));
    entity.put("type", "Device");
    if (name != null) {
      property(entity, "name").put("value", name);
    }
    if (type != null) {
      property(entity, "deviceCategory").putArray("value").add(type);
    }

    // Limitation: a property named like a reserved or entity member (RESERVED) is not emitted.
    for (Map.Entry<String, TwinProperty> e : new TreeMap<>(twin.properties()).entrySet()) {
      if (!RESERVED.contains(e.getKey())) {
        observed(property(entity, e.getKey()), e.getValue());
      }
    }

    Reading.Location location = twin.location() != null ? twin.location() : registeredLocation;
    if (location != null) {
      ObjectNode geo = entity.putObject("location");
      geo.put("type", "GeoProperty");
      ObjectNode point = geo.putObject("value");
      point.put("type", "Point");
      point.putArray("coordinates").add(location.lon()).add(location.lat());
    }
    Twin.SealedReading sealed = twin.latestSealed();
    if (sealed != null) {
      ObjectNode mark = property(entity, "sealed");
      mark.putObject("value").put("epoch", sealed.epoch()).put("seq", sealed.seq());
      mark.put("observedAt", sealed.observedAt().toString());
    }
    entity.put("@context", CORE_CONTEXT);
    return entity;
  }

  private static ObjectNode property(ObjectNode entity, String member) {
    ObjectNode property = entity.putObject(member);
    property.put("type", "Property");
    return property;
  }

  private static void observed(ObjectNode property, TwinProperty value) {
    property.put("value", value.value());
    property.put("observedAt", value.observedAt().toString());
    UnitCodes.cefact(value.unit()).ifPresent(code -> property.put("unitCode", code));
    ObjectNode ucum = property.putObject("ucumCode");
    ucum.put("type", "Property");
    ucum.put("value", value.unit());
  }
}
