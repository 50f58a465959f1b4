package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Hashes;
import io.msec.core.Json;
import io.msec.ledger.internal.Fields;
import java.util.Set;

/**
 * Anchors a batch of a device's readings: sequence numbers {@code from..to}, {@code count} of them
 * (a device may skip numbers), and the RFC 9162 Merkle root over the leaf hashes of their RFC 8785
 * bytes in sequence order. Signed by the device's owner, its current key, or the sequencer account
 * (the node). Args: {@code {"device":"did:key:..","from":1,"to":100,"count":100,"root":"<hex>"}}.
 */
public record AnchorBatch(DidKey device, long from, long to, long count, byte[] root)
    implements Operation {
  public static final String TYPE = "anchor";
  private static final Set<String> MEMBERS = Set.of("device", "from", "to", "count", "root");

  public AnchorBatch {
    if (from < 1 || to < from || count < 1 || count - 1 > to - from) {
      throw Fields.malformed(
          "an anchor covers 1 <= from <= to with 1 <= count <= to - from + 1 readings");
    }
    if (root == null || root.length != 32) {
      throw Fields.malformed("an anchor root is 32 bytes");
    }
    root = root.clone();
  }

  public static AnchorBatch fromArgs(JsonNode args) {
    Fields.members(args, "anchor args", MEMBERS, MEMBERS);
    return new AnchorBatch(
        Fields.did(args, "device"),
        Fields.integer(args, "from", 1),
        Fields.integer(args, "to", 1),
        Fields.integer(args, "count", 1),
        Fields.hash(args, "root"));
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  /** True if {@code seq} is within {@code from..to}. */
  public boolean covers(long seq) {
    return from <= seq && seq <= to;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("device", device.toString());
    out.put("from", from);
    out.put("to", to);
    out.put("count", count);
    out.put("root", Hashes.hex(root));
    return out;
  }
}
