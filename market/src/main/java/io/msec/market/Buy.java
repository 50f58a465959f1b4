package io.msec.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.ledger.Args;
import io.msec.ledger.Operation;
import io.msec.market.internal.Values;
import java.util.Set;

/**
 * Buys one unit of an offer: the price moves into escrow and a license is written, both or neither.
 * The transaction's id becomes the order id. Args: {@code {"offer":"<hex>",
 * "purpose":"research","region":"GB","recipient":"<X25519 key, base64url>","maxPrice":"10"}};
 * {@code region} may be left out when the policy names no regions.
 *
 * @param region an ISO 3166 code or null
 * @param recipient the buyer's X25519 public key, 32 bytes in unpadded base64url
 * @param maxPrice the most the buyer agrees to pay; a higher price is refused ({@code
 *     price-changed})
 */
public record Buy(String offer, String purpose, String region, String recipient, long maxPrice)
    implements Operation {
  public static final String TYPE = "buy";
  private static final Set<String> MEMBERS =
      Set.of("offer", "purpose", "region", "recipient", "maxPrice");
  private static final Set<String> REQUIRED = Set.of("offer", "purpose", "recipient", "maxPrice");

  public Buy {
    Values.txId(offer, "offer");
    Values.token(purpose, "a purpose");
    if (region != null) {
      Values.region(region, "region");
    }
    if (recipient == null || Args.base64(recipient, "recipient").length != 32) {
      throw Args.malformed("recipient is an X25519 public key: 32 bytes in base64url");
    }
    if (maxPrice < 0) {
      throw Args.malformed("maxPrice is not negative");
    }
  }

  public static Buy fromArgs(JsonNode args) {
    Args.members(args, "buy args", MEMBERS, REQUIRED);
    return new Buy(
        Args.text(args, "offer"),
        Args.text(args, "purpose"),
        args.has("region") ? Args.text(args, "region") : null,
        Args.text(args, "recipient"),
        Args.amountOrZero(args, "maxPrice"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("offer", offer);
    out.put("purpose", purpose);
    if (region != null) {
      out.put("region", region);
    }
    out.put("recipient", recipient);
    out.put("maxPrice", Long.toString(maxPrice));
    return out;
  }
}
