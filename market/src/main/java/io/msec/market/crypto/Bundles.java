package io.msec.market.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.core.MsecException;
import java.io.IOException;

/**
 * Seals a whole {@code msec-bundle/1} bundle to the buyer's recipient key with HPKE, {@code info} =
 * {@code msec/bundle/v1\n<order>} (docs/market.md, "History and datasets: bundles"). The plaintext
 * is the bundle's UTF-8 JSON. What was opened still has to pass {@link BundleCheck} before the
 * buyer acknowledges it. Stateless and thread-safe.
 *
 * <pre>{@code
 * byte[] sealed = Bundles.seal(BundleCheck.bundle(order, license, envelopes, proofs), recipient,
 *     order);
 * ObjectNode bundle = Bundles.open(sealed, recipientKey, order);
 * }</pre>
 */
public final class Bundles {
  /** Domain tag that starts the HPKE info of a bundle. */
  public static final String DOMAIN = "msec/bundle/v1";

  private Bundles() {}

  /**
   * Encrypts {@code bundle} to {@code recipientPublicKey} for {@code order}.
   *
   * @throws MsecException {@code bad-recipient} if the key is not an X25519 public key
   */
  public static byte[] seal(ObjectNode bundle, String recipientPublicKey, String order) {
    byte[] plaintext;
    try {
      plaintext = Json.mapper().writeValueAsBytes(bundle);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a bundle is plain JSON", e);
    }
    return Hpke.seal(recipientPublicKey, plaintext, info(order));
  }

  /**
   * Decrypts a bundle sealed to {@code key} for {@code order}.
   *
   * @throws MsecException {@code bad-ciphertext} if it was sealed to another key or order, or
   *     altered; {@code malformed-bundle} if the plaintext is not a JSON object naming {@code
   *     order}
   */
  public static ObjectNode open(byte[] sealed, RecipientKey key, String order) {
    byte[] plaintext = key.open(sealed, info(order));
    JsonNode bundle;
    try {
      bundle = Json.mapper().readTree(plaintext);
    } catch (IOException e) {
      throw new MsecException("malformed-bundle", "the bundle is not JSON: " + e.getMessage());
    }
    if (bundle == null || !bundle.isObject()) {
      throw new MsecException("malformed-bundle", "a bundle is a JSON object");
    }
    if (!order.equals(bundle.path("order").asText(null))) {
      throw new MsecException("malformed-bundle", "the bundle is not of order " + order);
    }
    return (ObjectNode) bundle;
  }

  /** The HPKE info that binds a bundle to its order. */
  public static byte[] info(String order) {
    return Wire.utf8(DOMAIN + "\n" + order);
  }
}
