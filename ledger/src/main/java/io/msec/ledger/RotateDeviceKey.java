package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.internal.Fields;
import java.util.Set;

/**
 * Replaces the key a device signs with; the device keeps its identifier. Signed by the owner. Args:
 * {@code {"device":"did:key:..","key":"did:key:.."}}.
 */
public record RotateDeviceKey(DidKey device, DidKey key) implements Operation {
  public static final String TYPE = "rotate-device-key";
  private static final Set<String> MEMBERS = Set.of("device", "key");

  public static RotateDeviceKey fromArgs(JsonNode args) {
    Fields.members(args, "rotate-device-key args", MEMBERS, MEMBERS);
    return new RotateDeviceKey(Fields.did(args, "device"), Fields.did(args, "key"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("device", device.toString());
    out.put("key", key.toString());
    return out;
  }
}
