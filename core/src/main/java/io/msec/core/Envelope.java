package io.msec.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * A signed JSON payload: the payload, the {@link DidKey} of its signer and an Ed25519 signature
 * over the payload's RFC 8785 canonical bytes. On the wire:
 *
 * <pre>{@code
 * {"payload":{...},"signer":"did:key:z6Mk...","sig":"<base64url, 64 bytes>"}
 * }</pre>
 *
 * Immutable; the canonical bytes are computed once.
 */
public final class Envelope {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final JsonNode payload;
  private final DidKey signer;
  private final byte[] signature;
  private final byte[] canonical;

  private Envelope(JsonNode payload, DidKey signer, byte[] signature, byte[] canonical) {
    this.payload = payload;
    this.signer = signer;
    this.signature = signature;
    this.canonical = canonical;
  }

  /** Signs {@code payload} (a JSON object) with {@code identity}. */
  public static Envelope sign(Identity identity, JsonNode payload) {
    byte[] canonical = CanonicalJson.bytes(payload);
    return new Envelope(payload.deepCopy(), identity.did(), identity.sign(canonical), canonical);
  }

  /**
   * Reads the wire form. Does not check the signature: call {@link #verify()}.
   *
   * @throws MsecException {@code malformed-envelope} if a member is missing or of the wrong kind
   */
  public static Envelope fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw malformed("an envelope is a JSON object");
    }
    JsonNode payload = json.get("payload");
    if (payload == null || !payload.isObject()) {
      throw malformed("member 'payload' must be a JSON object");
    }
    DidKey signer = DidKey.parse(text(json, "signer"));
    byte[] signature = base64(text(json, "sig"));
    return new Envelope(payload, signer, signature, CanonicalJson.bytes(payload));
  }

  /** True if the signature is the signer's over the payload's canonical bytes. */
  public boolean verify() {
    return signer.verify(canonical, signature);
  }

  public JsonNode payload() {
    return payload.deepCopy();
  }

  public DidKey signer() {
    return signer;
  }

  public byte[] signature() {
    return signature.clone();
  }

  /** The RFC 8785 bytes of the payload, which the signature covers. */
  public byte[] canonicalPayload() {
    return canonical.clone();
  }

  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.set("payload", payload.deepCopy());
    out.put("signer", signer.toString());
    out.put("sig", B64.encodeToString(signature));
    return out;
  }

  static String text(JsonNode json, String member) {
    JsonNode node = json.get(member);
    if (node == null || !node.isTextual()) {
      throw malformed("member '" + member + "' must be a string");
    }
    return node.textValue();
  }

  static byte[] base64(String text) {
    try {
      return B64D.decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed("member 'sig' is not base64url: " + e.getMessage());
    }
  }

  static String base64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  static MsecException malformed(String message) {
    return new MsecException("malformed-envelope", message);
  }
}
