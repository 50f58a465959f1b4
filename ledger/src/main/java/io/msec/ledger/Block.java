package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.MerkleTree;
import io.msec.ledger.internal.Fields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A header, the sequencer's signature over its hash, and the transactions in order. Immutable. The
 * signature covers {@code "msec/block/v1\n"} followed by the 32-byte header hash.
 */
public final class Block {
  private static final byte[] DOMAIN = "msec/block/v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final Set<String> MEMBERS = Set.of("header", "sig", "txs");

  private final BlockHeader header;
  private final byte[] hash;
  private final byte[] signature;
  private final List<Transaction> transactions;

  public Block(BlockHeader header, byte[] signature, List<Transaction> transactions) {
    this.header = header;
    this.hash = header.hash();
    this.signature = signature.clone();
    this.transactions = List.copyOf(transactions);
  }

  /** Signs {@code header} with the sequencer key. */
  public static Block seal(BlockHeader header, Identity sequencer, List<Transaction> txs) {
    return new Block(header, sequencer.sign(signingBytes(header.hash())), txs);
  }

  static byte[] signingBytes(byte[] headerHash) {
    byte[] out = Arrays.copyOf(DOMAIN, DOMAIN.length + headerHash.length);
    System.arraycopy(headerHash, 0, out, DOMAIN.length, headerHash.length);
    return out;
  }

  /** True if {@code key} signed this block's header hash. */
  public static boolean verifyHeaderSignature(BlockHeader header, byte[] sig, DidKey key) {
    return key.verify(signingBytes(header.hash()), sig);
  }

  /** True if the header's sequencer signed it. */
  public boolean verifySignature() {
    return header.sequencer().verify(signingBytes(hash), signature);
  }

  /** The RFC 9162 leaf hashes of the transactions, in block order. */
  public List<byte[]> leafHashes() {
    List<byte[]> leaves = new ArrayList<>(transactions.size());
    for (Transaction tx : transactions) {
      leaves.add(tx.leafHash());
    }
    return leaves;
  }

  /** The RFC 9162 root over {@link #leafHashes()}, recomputed. */
  public byte[] computeTxRoot() {
    return MerkleTree.root(leafHashes());
  }

  public static Block fromJson(JsonNode json) {
    Fields.members(json, "a block", MEMBERS, MEMBERS);
    BlockHeader header = BlockHeader.fromJson(json.get("header"));
    byte[] sig = Fields.base64(Fields.text(json, "sig"), "block signature");
    JsonNode txs = json.get("txs");
    if (!txs.isArray()) {
      throw Fields.malformed("member 'txs' must be an array");
    }
    List<Transaction> list = new ArrayList<>(txs.size());
    for (JsonNode tx : txs) {
      list.add(Transaction.fromJson(tx));
    }
    return new Block(header, sig, list);
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.set("header", header.toJson());
    out.put("sig", Fields.base64(signature));
    ArrayNode txs = out.putArray("txs");
    transactions.forEach(tx -> txs.add(tx.toJson()));
    return out;
  }

  public BlockHeader header() {
    return header;
  }

  public long height() {
    return header.height();
  }

  /** SHA-256 of the header's canonical bytes. */
  public byte[] hash() {
    return hash.clone();
  }

  public byte[] signature() {
    return signature.clone();
  }

  public List<Transaction> transactions() {
    return transactions;
  }
}
