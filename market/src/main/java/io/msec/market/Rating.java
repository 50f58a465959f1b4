package io.msec.market;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.StateEntry;

/**
 * A buyer's rating of one settled order, given once; under {@code rating/<order>}. Immutable.
 *
 * @param score 1 to 5
 * @param paid tokens the buyer paid for the order, so that reputation can weigh ratings by value
 * @param comment at most 280 characters, possibly empty
 * @param atMillis time of the block that recorded it
 */
public record Rating(
    String order,
    DidKey buyer,
    DidKey provider,
    int score,
    long paid,
    String comment,
    long atMillis)
    implements StateEntry {
  /** Key prefix of all ratings. */
  public static final String PREFIX = "rating/";

  public Rating {
    if (score < 1 || score > 5 || paid < 0) {
      throw new IllegalArgumentException("a score is 1 to 5 and paid is not negative");
    }
  }

  /** The state key of the rating of {@code order}. */
  public static String key(String order) {
    return PREFIX + order;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("order", order);
    out.put("buyer", buyer.toString());
    out.put("provider", provider.toString());
    out.put("score", score);
    out.put("paid", Long.toString(paid));
    out.put("comment", comment);
    out.put("at", atMillis);
    return out;
  }
}
