package io.msec.ledger.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Hashes;
import io.msec.core.Json;
import io.msec.core.MerkleTree;
import io.msec.ledger.Anchor;
import io.msec.ledger.Block;
import io.msec.ledger.LedgerException;
import io.msec.ledger.ReadingSource;
import io.msec.ledger.SignedHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds self-contained proofs in the {@code msec-proof/1} format (docs/ledger.md): a transaction
 * in its block, the block in the chain, the chain under a signed head; for a reading, also the
 * reading and its path in the anchored batch.
 */
public final class ProofBuilder {
  public static final String FORMAT = "msec-proof/1";
  public static final String STATE_FORMAT = "msec-state-proof/1";

  private final Replica replica;

  public ProofBuilder(Replica replica) {
    this.replica = replica;
  }

  /** Proof that transaction {@code txId} is in the chain under the current signed head. */
  public ObjectNode transaction(byte[] txId) {
    ChainIndex.Location loc =
        replica
            .index()
            .locate(txId)
            .orElseThrow(() -> notFound("no committed transaction " + Hashes.hex(txId)));
    SignedHead head = replica.head();
    Block block = replica.block(loc.height()).orElseThrow();

    ObjectNode proof = Json.mapper().createObjectNode();
    proof.put("format", FORMAT);
    proof.set("tx", block.transactions().get(loc.index()).toJson());
    ObjectNode b = proof.putObject("block");
    b.set("header", block.header().toJson());
    b.put("sig", Fields.base64(block.signature()));
    b.put("index", loc.index());
    b.set("path", hexes(MerkleTree.inclusionProof(block.leafHashes(), loc.index())));
    List<byte[]> chain = replica.index().chainLeaves(head.size());
    proof
        .putObject("chain")
        .set("path", hexes(MerkleTree.inclusionProof(chain, (int) loc.height())));
    proof.set("head", head.toJson());
    return proof;
  }

  /**
   * Proof that reading {@code seq} of {@code device} is the one anchored: the ledger's part from
   * the anchor transaction up, plus the reading and its batch path taken from {@code source}.
   *
   * @throws LedgerException {@code not-found} if no anchor covers the reading or the store lacks
   *     it; {@code bad-proof} if the store's readings do not hash to the anchored root
   */
  public ObjectNode reading(DidKey device, long seq, ReadingSource source) {
    Anchor anchor =
        anchorCovering(device, seq)
            .orElseThrow(() -> notFound("no anchor covers seq " + seq + " of " + device));
    List<byte[]> stored = source.readings(device, anchor.from(), anchor.to());
    List<byte[]> leaves = new ArrayList<>(stored.size());
    JsonNode reading = null;
    int index = -1;
    for (byte[] bytes : stored) {
      JsonNode r = canonicalReading(bytes);
      if (r.path("seq").asLong() == seq) {
        index = leaves.size();
        reading = r;
      }
      leaves.add(MerkleTree.leafHash(bytes));
    }
    if (leaves.size() != anchor.count() || !Arrays.equals(MerkleTree.root(leaves), anchor.root())) {
      throw new LedgerException(
          LedgerException.BAD_PROOF,
          "the stored readings "
              + anchor.from()
              + ".."
              + anchor.to()
              + " of "
              + device
              + " do not hash to the anchored root");
    }
    if (index < 0) {
      throw notFound("the reading store has no seq " + seq + " of " + device);
    }

    ObjectNode proof = transaction(Hashes.fromHex(anchor.txId()));
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("format", FORMAT);
    out.set("reading", reading);
    ObjectNode batch = out.putObject("batch");
    batch.put("index", index);
    batch.set("path", hexes(MerkleTree.inclusionProof(leaves, index)));
    proof.fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * Proof that the state under the current signed head holds {@code key} with its value.
   *
   * @throws LedgerException {@code not-found} if there is no such entry
   */
  public ObjectNode state(String key) {
    Replica.StateAtHead at = replica.stateAtHead();
    io.msec.ledger.StateEntry value = at.entries().get(key);
    if (value == null) {
      throw notFound("no state entry " + key);
    }
    List<byte[]> leaves = new ArrayList<>(at.entries().size());
    int index = 0;
    for (var e : at.entries().entrySet()) {
      if (e.getKey().equals(key)) {
        index = leaves.size();
      }
      leaves.add(StateStore.leafHash(e.getKey(), e.getValue()));
    }
    ObjectNode proof = Json.mapper().createObjectNode();
    proof.put("format", STATE_FORMAT);
    proof.put("key", key);
    proof.set("value", value.toJson());
    proof.put("index", index);
    proof.put("size", leaves.size());
    proof.set("path", hexes(MerkleTree.inclusionProof(leaves, index)));
    proof.set("head", at.head().toJson());
    return proof;
  }

  /** Parses stored reading bytes, which must be RFC 8785 so the checker can rebuild them. */
  private static JsonNode canonicalReading(byte[] bytes) {
    JsonNode r;
    try {
      r = Json.mapper().readTree(bytes);
    } catch (java.io.IOException e) {
      throw new LedgerException(LedgerException.BAD_PROOF, "a stored reading is not JSON");
    }
    if (r == null || !Arrays.equals(CanonicalJson.bytes(r), bytes)) {
      throw new LedgerException(LedgerException.BAD_PROOF, "a stored reading is not RFC 8785 JSON");
    }
    return r;
  }

  /** The anchor of {@code device} whose range holds {@code seq}. */
  public java.util.Optional<Anchor> anchorCovering(DidKey device, long seq) {
    return replica
        .state()
        .floor(Anchor.key(device, seq))
        .filter(e -> e.getKey().startsWith(Anchor.prefix(device)))
        .map(e -> (Anchor) e.getValue())
        .filter(a -> a.covers(seq));
  }

  /** RFC 9162 consistency proof between the chain of {@code oldSize} and {@code newSize} blocks. */
  public List<byte[]> consistency(long oldSize, long newSize) {
    if (oldSize < 1 || oldSize > newSize || newSize > replica.index().size()) {
      throw notFound("no consistency proof from " + oldSize + " to " + newSize + " blocks");
    }
    return MerkleTree.consistencyProof(replica.index().chainLeaves(newSize), (int) oldSize);
  }

  static ArrayNode hexes(List<byte[]> hashes) {
    ArrayNode out = Json.mapper().createArrayNode();
    hashes.forEach(h -> out.add(Hashes.hex(h)));
    return out;
  }

  private static LedgerException notFound(String message) {
    return new LedgerException(LedgerException.NOT_FOUND, message);
  }
}
