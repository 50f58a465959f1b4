package io.msec.market;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.StateEntry;

/**
 * The right one buyer bought: a product, for one purpose (and region), from {@code validFrom} to
 * {@code validUntil} unless revoked. Under {@code license/<order>}, written by the same {@code buy}
 * transaction as the escrow. Immutable.
 *
 * @param offer the offer it was bought from
 * @param region the region of use the buyer named, or null if the policy names none
 * @param recipient the buyer's X25519 public key (32 bytes, base64url) grants and bundles are
 *     encrypted to
 * @param validUntilMillis exclusive end of validity
 * @param revokedMillis time of the block that revoked it, 0 if not revoked
 * @param noResale the policy prohibits distribution
 * @param attribution the attribution owed, or null
 */
public record License(
    String order,
    String offer,
    DidKey buyer,
    DidKey provider,
    Product product,
    String purpose,
    String region,
    String recipient,
    long validFromMillis,
    long validUntilMillis,
    long revokedMillis,
    boolean noResale,
    String attribution)
    implements StateEntry {
  /** Key prefix of all licenses. */
  public static final String PREFIX = "license/";

  /** The state key of the license of {@code order}. */
  public static String key(String order) {
    return PREFIX + order;
  }

  /** Whether it grants access at {@code millis}: not revoked and inside its validity. */
  public boolean validAt(long millis) {
    return revokedMillis == 0 && millis >= validFromMillis && millis < validUntilMillis;
  }

  public boolean revoked() {
    return revokedMillis != 0;
  }

  /** This license revoked at {@code millis}. */
  public License revokedAt(long millis) {
    return new License(
        order,
        offer,
        buyer,
        provider,
        product,
        purpose,
        region,
        recipient,
        validFromMillis,
        validUntilMillis,
        millis,
        noResale,
        attribution);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("order", order);
    out.put("offer", offer);
    out.put("buyer", buyer.toString());
    out.put("provider", provider.toString());
    out.set("product", product.toJson());
    out.put("purpose", purpose);
    if (region != null) {
      out.put("region", region);
    }
    out.put("recipient", recipient);
    out.put("validFrom", validFromMillis);
    out.put("validUntil", validUntilMillis);
    out.put("revoked", revokedMillis);
    out.put("noResale", noResale);
    if (attribution != null) {
      out.put("attribution", attribution);
    }
    return out;
  }
}
