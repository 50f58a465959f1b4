package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.internal.Fields;
import java.util.Set;

/**
 * Hands a device to another owner. Signed by the current owner. Args: {@code
 * {"device":"did:key:..","owner":"did:key:.."}}.
 */
public record TransferDevice(DidKey device, DidKey owner) implements Operation {
  public static final String TYPE = "transfer-device";
  private static final Set<String> MEMBERS = Set.of("device", "owner");

  public static TransferDevice fromArgs(JsonNode args) {
    Fields.members(args, "transfer-device args", MEMBERS, MEMBERS);
    return new TransferDevice(Fields.did(args, "device"), Fields.did(args, "owner"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("device", device.toString());
    out.put("owner", owner.toString());
    return out;
  }
}
