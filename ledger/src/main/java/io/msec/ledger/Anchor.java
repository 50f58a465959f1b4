package io.msec.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Hashes;
import io.msec.core.Json;

/**
 * A recorded batch of a device's readings: the RFC 9162 Merkle root over the leaf hashes of the
 * readings' RFC 8785 bytes, in sequence order. Stored under {@code anchor/<device>/<from>} with
 * {@code from} zero-padded to 16 digits, so that keys sort by sequence number.
 *
 * @param device the device whose readings these are
 * @param from the first sequence number covered
 * @param to the last sequence number covered
 * @param count how many readings (leaves) the batch holds
 * @param root the Merkle root (32 bytes)
 * @param txId the anchoring transaction, lowercase hex
 * @param height the block holding that transaction
 */
public record Anchor(
    DidKey device, long from, long to, long count, byte[] root, String txId, long height)
    implements StateEntry {

  public Anchor {
    root = root.clone();
  }

  public static String key(DidKey device, long from) {
    return prefix(device) + String.format("%016d", from);
  }

  /** The key prefix of all anchors of {@code device}. */
  public static String prefix(DidKey device) {
    return "anchor/" + device + "/";
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  /** True if {@code seq} is within this batch's range. */
  public boolean covers(long seq) {
    return from <= seq && seq <= to;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("device", device.toString());
    out.put("from", from);
    out.put("to", to);
    out.put("count", count);
    out.put("root", Hashes.hex(root));
    out.put("tx", txId);
    out.put("height", height);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Anchor a && toJson().equals(a.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }
}
