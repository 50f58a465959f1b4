package io.msec.market.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.BatchEnvelope;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A reading as its device signed it, in a form a buyer can check on its own: {@code
 * {"payload":{reading},"signer":did,"sig":..}} for a reading signed alone (the same JSON as an
 * {@link io.msec.core.Envelope}), plus {@code "batch":{"root","index","size","path"}} for a reading
 * that came in a signed batch, where the signature covers the batch's Merkle root and the path
 * leads from the reading to that root (RFC 9162). All byte strings are base64url.
 *
 * <pre>{@code
 * ObjectNode form = SignedReading.single(canonical, device, sig);
 * Reading r = SignedReading.verify(form, deviceKey);
 * }</pre>
 */
public final class SignedReading {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private SignedReading() {}

  /** The form of a reading signed alone; {@code canonical} are the signed bytes. */
  public static ObjectNode single(byte[] canonical, DidKey signer, byte[] signature) {
    ObjectNode out = Json.mapper().createObjectNode();
    out.set("payload", parse(canonical));
    out.put("signer", signer.toString());
    out.put("sig", B64.encodeToString(signature));
    return out;
  }

  /** The form of leaf {@code index} of a signed batch of {@code size} with {@code root}. */
  public static ObjectNode inBatch(
      byte[] canonical,
      DidKey signer,
      byte[] signature,
      byte[] root,
      int index,
      int size,
      List<byte[]> path) {
    ObjectNode out = single(canonical, signer, signature);
    ObjectNode batch = out.putObject("batch");
    batch.put("root", B64.encodeToString(root));
    batch.put("index", index);
    batch.put("size", size);
    ArrayNode p = batch.putArray("path");
    path.forEach(h -> p.add(B64.encodeToString(h)));
    return out;
  }

  /**
   * Checks that {@code form} was signed by {@code key} and returns the reading it carries.
   *
   * @throws MsecException {@code bad-signature} if the signer is not {@code key} or the signature
   *     (or batch path) does not hold; {@code malformed-reading} if the form is not one
   */
  public static Reading verify(JsonNode form, DidKey key) {
    JsonNode payload = form.path("payload");
    if (!payload.isObject() || !form.path("signer").isTextual() || !form.path("sig").isTextual()) {
      throw new MsecException("malformed-reading", "a signed reading has payload, signer and sig");
    }
    DidKey signer;
    byte[] sig;
    try {
      signer = DidKey.parse(form.get("signer").textValue());
      sig = B64D.decode(form.get("sig").textValue());
    } catch (RuntimeException e) {
      throw new MsecException("malformed-reading", "bad signer or sig: " + e.getMessage());
    }
    if (!signer.equals(key)) {
      throw new MsecException(
          "bad-signature", "signed by " + signer + ", but the device's key is " + key);
    }

    if (!signatureHolds(form, payload, signer, sig)) {
      throw new MsecException("bad-signature", "the device's signature does not hold");
    }
    return Reading.fromJson(payload);
  }

  private static boolean signatureHolds(
      JsonNode form, JsonNode payload, DidKey signer, byte[] sig) {
    JsonNode batch = form.get("batch");
    if (batch == null) {
      return signer.verify(CanonicalJson.bytes(payload), sig);
    }
    byte[] root;
    List<byte[]> path = new ArrayList<>();
    try {
      root = B64D.decode(batch.path("root").asText());
      batch.path("path").forEach(h -> path.add(B64D.decode(h.asText())));
    } catch (IllegalArgumentException e) {
      throw new MsecException("malformed-reading", "bad batch root or path: " + e.getMessage());
    }
    int index = batch.path("index").asInt(-1);
    int size = batch.path("size").asInt(0);
    if (index < 0
        || index >= size
        || !BatchEnvelope.verifyMember(payload, index, size, path, root)) {
      throw new MsecException("bad-signature", "the reading is not in the signed batch");
    }
    return BatchEnvelope.verifyRoot(signer, root, sig);
  }

  private static JsonNode parse(byte[] canonical) {
    try {
      return Json.mapper().readTree(canonical);
    } catch (IOException e) {
      throw new MsecException("malformed-reading", "signed bytes are not JSON: " + e.getMessage());
    }
  }
}
