package io.msec.market;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.Args;
import io.msec.ledger.StateEntry;
import io.msec.market.internal.Values;
import java.util.List;

/**
 * An offer in the ledger state, under {@code offer/<id>} where the id is the id of the {@code
 * offer} transaction. Immutable; {@link #withSold} and {@link #asWithdrawn} give the next state.
 *
 * @param id the offer transaction's id, lowercase hex
 * @param provider the account that owns every device of the product and is paid
 * @param price tokens per unit, 0 or more
 * @param units how many can be sold, 0 = unlimited
 * @param sold how many were sold, never above {@code units} when that is not 0
 * @param expiresMillis when the offer stops selling, 0 = never
 * @param deliveryWindowMillis how long the node has to deliver before the buyer is refunded
 * @param createdMillis time of the block that created the offer
 * @param withdrawn true once the provider withdrew it; licenses sold stay valid
 */
public record Offer(
    String id,
    DidKey provider,
    Product product,
    long price,
    long units,
    long sold,
    long expiresMillis,
    long deliveryWindowMillis,
    UsagePolicy policy,
    String title,
    String description,
    List<String> keywords,
    long createdMillis,
    boolean withdrawn)
    implements StateEntry {
  /** Key prefix of all offers. */
  public static final String PREFIX = "offer/";

  public Offer {
    if (price < 0 || units < 0 || sold < 0 || (units > 0 && sold > units)) {
      throw new IllegalArgumentException("price, units and sold are not negative; sold <= units");
    }
    if (units > Args.MAX_SAFE_INTEGER || sold > Args.MAX_SAFE_INTEGER) {
      throw Args.malformed("units are at most " + Args.MAX_SAFE_INTEGER);
    }
    keywords = List.copyOf(keywords);
  }

  /** The state key of offer {@code id}. */
  public static String key(String id) {
    return PREFIX + id;
  }

  /** Whether a buyer could buy it at {@code millis}: not withdrawn, expired or sold out. */
  public boolean availableAt(long millis) {
    return !withdrawn && !expiredAt(millis) && !soldOut();
  }

  /** Whether its expiry has passed at {@code millis}. */
  public boolean expiredAt(long millis) {
    return expiresMillis != 0 && millis >= expiresMillis;
  }

  /** Whether every unit is sold (never for an unlimited offer). */
  public boolean soldOut() {
    return units != 0 && sold >= units;
  }

  public Offer withSold(long newSold) {
    return new Offer(
        id,
        provider,
        product,
        price,
        units,
        newSold,
        expiresMillis,
        deliveryWindowMillis,
        policy,
        title,
        description,
        keywords,
        createdMillis,
        withdrawn);
  }

  public Offer asWithdrawn() {
    return new Offer(
        id,
        provider,
        product,
        price,
        units,
        sold,
        expiresMillis,
        deliveryWindowMillis,
        policy,
        title,
        description,
        keywords,
        createdMillis,
        true);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("id", id);
    out.put("provider", provider.toString());
    out.set("product", product.toJson());
    out.put("price", Long.toString(price));
    out.put("units", units);
    out.put("sold", sold);
    out.put("expires", expiresMillis);
    out.put("deliveryWindow", deliveryWindowMillis);
    out.set("policy", policy.toOdrl());
    out.put("title", title);
    out.put("description", description);
    out.set("keywords", Values.array(keywords));
    out.put("created", createdMillis);
    out.put("withdrawn", withdrawn);
    return out;
  }
}
