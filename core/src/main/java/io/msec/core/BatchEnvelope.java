package io.msec.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Several payloads signed at once, for constrained devices: the signer signs the RFC 9162 Merkle
 * root over the payloads' canonical bytes (prefixed with a domain tag so that the signature cannot
 * be mistaken for one over a single payload). Each payload can later be proven to belong to the
 * batch with an inclusion proof. On the wire:
 *
 * <pre>{@code
 * {"batch":[{...},{...}],"signer":"did:key:z6Mk...","sig":"<base64url>"}
 * }</pre>
 */
public final class BatchEnvelope {
  /** Prepended to the Merkle root before signing. */
  static final byte[] DOMAIN = "msec/batch/v1\n".getBytes(StandardCharsets.US_ASCII);

  private final List<JsonNode> payloads;
  private final DidKey signer;
  private final byte[] signature;
  private final List<byte[]> leafHashes;
  private final byte[] root;

  private BatchEnvelope(List<JsonNode> payloads, DidKey signer, byte[] signature) {
    this.payloads = List.copyOf(payloads);
    this.signer = signer;
    this.signature = signature;
    List<byte[]> leaves = new ArrayList<>(payloads.size());
    for (JsonNode p : payloads) {
      leaves.add(MerkleTree.leafHash(CanonicalJson.bytes(p)));
    }
    this.leafHashes = List.copyOf(leaves);
    this.root = MerkleTree.root(leaves);
  }

  /** Signs the Merkle root of {@code payloads} (JSON objects, at least one). */
  public static BatchEnvelope sign(Identity identity, List<? extends JsonNode> payloads) {
    if (payloads.isEmpty()) {
      throw Envelope.malformed("a batch holds at least one payload");
    }
    List<JsonNode> copies = payloads.stream().map(p -> (JsonNode) p.deepCopy()).toList();
    BatchEnvelope unsigned = new BatchEnvelope(copies, identity.did(), new byte[0]);
    return new BatchEnvelope(copies, identity.did(), identity.sign(signedBytes(unsigned.root)));
  }

  /**
   * Reads the wire form. Does not check the signature: call {@link #verify()}.
   *
   * @throws MsecException {@code malformed-envelope}
   */
  public static BatchEnvelope fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw Envelope.malformed("a batch envelope is a JSON object");
    }
    JsonNode batch = json.get("batch");
    if (batch == null || !batch.isArray() || batch.isEmpty()) {
      throw Envelope.malformed("member 'batch' must be a non-empty array of objects");
    }
    List<JsonNode> payloads = new ArrayList<>(batch.size());
    for (JsonNode p : batch) {
      if (!p.isObject()) {
        throw Envelope.malformed("member 'batch' must hold JSON objects only");
      }
      payloads.add(p);
    }
    DidKey signer = DidKey.parse(Envelope.text(json, "signer"));
    return new BatchEnvelope(payloads, signer, Envelope.base64(Envelope.text(json, "sig")));
  }

  /** True if the signature is the signer's over this batch's Merkle root. */
  public boolean verify() {
    return verifyRoot(signer, root, signature);
  }

  private static byte[] signedBytes(byte[] root) {
    byte[] out = new byte[DOMAIN.length + root.length];
    System.arraycopy(DOMAIN, 0, out, 0, DOMAIN.length);
    System.arraycopy(root, 0, out, DOMAIN.length, root.length);
    return out;
  }

  /**
   * True if {@code signature} is {@code signer}'s signature over a batch whose root is {@code
   * root}.
   */
  public static boolean verifyRoot(DidKey signer, byte[] root, byte[] signature) {
    return signer.verify(signedBytes(root), signature);
  }

  /** Checks that {@code payload} is leaf {@code index} of a batch with {@code root}. */
  public static boolean verifyMember(
      JsonNode payload, int index, int size, List<byte[]> path, byte[] root) {
    byte[] leaf = MerkleTree.leafHash(CanonicalJson.bytes(payload));
    return MerkleTree.verifyInclusion(leaf, index, size, path, root);
  }

  public List<JsonNode> payloads() {
    return payloads;
  }

  public DidKey signer() {
    return signer;
  }

  public byte[] signature() {
    return signature.clone();
  }

  public byte[] root() {
    return root.clone();
  }

  /** The RFC 9162 inclusion path of payload {@code index}. */
  public List<byte[]> inclusionProof(int index) {
    return MerkleTree.inclusionProof(leafHashes, index);
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    ArrayNode batch = out.putArray("batch");
    payloads.forEach(p -> batch.add(p.deepCopy()));
    out.put("signer", signer.toString());
    out.put("sig", Envelope.base64(signature));
    return out;
  }
}
