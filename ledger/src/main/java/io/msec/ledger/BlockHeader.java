package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Hashes;
import io.msec.core.Json;
import io.msec.ledger.internal.Fields;
import java.util.Set;

/**
 * What a block commits to. Its hash is the SHA-256 of its RFC 8785 JSON; the sequencer signs that
 * hash. Only the genesis header (height 0) names the treasury.
 *
 * <pre>{@code
 * {"height":12,"prev":"<hex>","time":1764860000000,"txCount":3,"txRoot":"<hex>",
 *  "stateRoot":"<hex>","sequencer":"did:key:z6Mk..."}
 * }</pre>
 *
 * @param height 0 for genesis, then +1 per block
 * @param prev hash of the previous header, 32 zero bytes for genesis
 * @param timeMillis when the block was cut, milliseconds since the epoch
 * @param txCount number of transactions
 * @param txRoot RFC 9162 root over the transactions' leaf hashes
 * @param stateRoot RFC 9162 root over the state after this block (see docs/ledger.md)
 * @param sequencer the key that signs this block
 * @param treasury at genesis, the minting account; otherwise null
 */
public record BlockHeader(
    long height,
    byte[] prev,
    long timeMillis,
    int txCount,
    byte[] txRoot,
    byte[] stateRoot,
    DidKey sequencer,
    DidKey treasury) {
  private static final Set<String> MEMBERS =
      Set.of("height", "prev", "time", "txCount", "txRoot", "stateRoot", "sequencer", "treasury");
  private static final Set<String> REQUIRED =
      Set.of("height", "prev", "time", "txCount", "txRoot", "stateRoot", "sequencer");

  public BlockHeader {
    prev = prev.clone();
    txRoot = txRoot.clone();
    stateRoot = stateRoot.clone();
  }

  public static BlockHeader fromJson(JsonNode json) {
    Fields.members(json, "a block header", MEMBERS, REQUIRED);
    return new BlockHeader(
        Fields.integer(json, "height", 0),
        Fields.hash(json, "prev"),
        Fields.integer(json, "time", 0),
        (int) Fields.integer(json, "txCount", 0),
        Fields.hash(json, "txRoot"),
        Fields.hash(json, "stateRoot"),
        Fields.did(json, "sequencer"),
        json.has("treasury") ? Fields.did(json, "treasury") : null);
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("height", height);
    out.put("prev", Hashes.hex(prev));
    out.put("time", timeMillis);
    out.put("txCount", txCount);
    out.put("txRoot", Hashes.hex(txRoot));
    out.put("stateRoot", Hashes.hex(stateRoot));
    out.put("sequencer", sequencer.toString());
    if (treasury != null) {
      out.put("treasury", treasury.toString());
    }
    return out;
  }

  /** SHA-256 of the RFC 8785 bytes of {@link #toJson()}. */
  public byte[] hash() {
    return Hashes.sha256(CanonicalJson.bytes(toJson()));
  }

  @Override
  public byte[] prev() {
    return prev.clone();
  }

  @Override
  public byte[] txRoot() {
    return txRoot.clone();
  }

  @Override
  public byte[] stateRoot() {
    return stateRoot.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockHeader h && toJson().equals(h.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }
}
