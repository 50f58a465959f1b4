package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Hashes;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.ledger.internal.Fields;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * The sequencer's signed statement of the chain: it has {@code size} blocks, whose header hashes,
 * as leaves of an RFC 9162 log in height order, have Merkle root {@code root}; the last block has
 * hash {@code block} and state root {@code stateRoot}. A light client pins one signed head and
 * checks inclusion and consistency proofs against it. The signature covers {@code "msec/head/v1\n"}
 * followed by the RFC 8785 bytes of the object without {@code sig}. Immutable.
 *
 * <pre>{@code
 * {"size":13,"root":"<hex>","block":"<hex>","stateRoot":"<hex>","time":1764860000000,
 *  "sequencer":"did:key:z6Mk...","sig":"<base64url>"}
 * }</pre>
 */
public record SignedHead(
    long size,
    byte[] root,
    byte[] block,
    byte[] stateRoot,
    long timeMillis,
    DidKey sequencer,
    byte[] signature) {
  private static final byte[] DOMAIN = "msec/head/v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final Set<String> MEMBERS =
      Set.of("size", "root", "block", "stateRoot", "time", "sequencer", "sig");

  public SignedHead {
    root = root.clone();
    block = block.clone();
    stateRoot = stateRoot.clone();
    signature = signature.clone();
  }

  /** Signs a head with the sequencer identity. */
  public static SignedHead sign(
      long size, byte[] root, byte[] block, byte[] stateRoot, long time, Identity sequencer) {
    SignedHead unsigned =
        new SignedHead(size, root, block, stateRoot, time, sequencer.did(), new byte[0]);
    byte[] sig = sequencer.sign(unsigned.signingBytes());
    return new SignedHead(size, root, block, stateRoot, time, sequencer.did(), sig);
  }

  private byte[] signingBytes() {
    ObjectNode body = toJson();
    body.remove("sig");
    byte[] canonical = CanonicalJson.bytes(body);
    byte[] out = Arrays.copyOf(DOMAIN, DOMAIN.length + canonical.length);
    System.arraycopy(canonical, 0, out, DOMAIN.length, canonical.length);
    return out;
  }

  /** True if the named sequencer signed this head. */
  public boolean verifySignature() {
    return sequencer.verify(signingBytes(), signature);
  }

  /** The height of the last block ({@code size - 1}). */
  public long height() {
    return size - 1;
  }

  public static SignedHead fromJson(JsonNode json) {
    Fields.members(json, "a signed head", MEMBERS, MEMBERS);
    return new SignedHead(
        Fields.integer(json, "size", 1),
        Fields.hash(json, "root"),
        Fields.hash(json, "block"),
        Fields.hash(json, "stateRoot"),
        Fields.integer(json, "time", 0),
        Fields.did(json, "sequencer"),
        Fields.base64(Fields.text(json, "sig"), "head signature"));
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("size", size);
    out.put("root", Hashes.hex(root));
    out.put("block", Hashes.hex(block));
    out.put("stateRoot", Hashes.hex(stateRoot));
    out.put("time", timeMillis);
    out.put("sequencer", sequencer.toString());
    out.put("sig", Fields.base64(signature));
    return out;
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  @Override
  public byte[] block() {
    return block.clone();
  }

  @Override
  public byte[] stateRoot() {
    return stateRoot.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedHead h && toJson().equals(h.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }
}
