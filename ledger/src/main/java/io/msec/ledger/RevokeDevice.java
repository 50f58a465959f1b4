package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.internal.Fields;
import java.util.Set;

/** Revokes a device for good. Signed by the owner. Args: {@code {"device":"did:key:.."}}. */
public record RevokeDevice(DidKey device) implements Operation {
  public static final String TYPE = "revoke-device";
  private static final Set<String> MEMBERS = Set.of("device");

  public static RevokeDevice fromArgs(JsonNode args) {
    Fields.members(args, "revoke-device args", MEMBERS, MEMBERS);
    return new RevokeDevice(Fields.did(args, "device"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("device", device.toString());
    return out;
  }
}
