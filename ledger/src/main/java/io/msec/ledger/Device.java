package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;

/**
 * A registered device. Its identifier is the did:key it was registered with and never changes; its
 * current signing key may be rotated. Stored under {@code device/<id>}. Immutable.
 *
 * @param id the identifier (the key at registration)
 * @param key the key its readings are signed with now
 * @param owner the account that may change it
 * @param type what it is, e.g. {@code co2-sensor}
 * @param name a label, possibly empty
 * @param location {@code {"lat":..,"lon":..}} or null for a mobile device
 * @param schema property name to {@code {"unit":..,"min":..,"max":..}}
 * @param revoked true once revoked; a revoked device's readings are refused
 * @param anchoredTo the highest sequence number anchored so far, 0 if none
 * @param registeredAt height of the block that registered it
 */
public record Device(
    DidKey id,
    DidKey key,
    DidKey owner,
    String type,
    String name,
    JsonNode location,
    JsonNode schema,
    boolean revoked,
    long anchoredTo,
    long registeredAt)
    implements StateEntry {

  public static String key(DidKey id) {
    return "device/" + id;
  }

  public Device withKey(DidKey newKey) {
    return new Device(
        id, newKey, owner, type, name, location, schema, revoked, anchoredTo, registeredAt);
  }

  public Device withOwner(DidKey newOwner) {
    return new Device(
        id, key, newOwner, type, name, location, schema, revoked, anchoredTo, registeredAt);
  }

  public Device asRevoked() {
    return new Device(id, key, owner, type, name, location, schema, true, anchoredTo, registeredAt);
  }

  public Device withAnchoredTo(long seq) {
    return new Device(id, key, owner, type, name, location, schema, revoked, seq, registeredAt);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("id", id.toString());
    out.put("key", key.toString());
    out.put("owner", owner.toString());
    out.put("type", type);
    out.put("name", name);
    if (location != null) {
      out.set("location", location.deepCopy());
    }
    out.set("schema", schema.deepCopy());
    out.put("revoked", revoked);
    out.put("anchoredTo", anchoredTo);
    out.put("registeredAt", registeredAt);
    return out;
  }
}
