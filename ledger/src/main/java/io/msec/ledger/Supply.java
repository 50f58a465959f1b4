package io.msec.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;

/**
 * The total of all balances, which only {@link Mint} raises. Stored under {@code supply}.
 *
 * @param total tokens in existence
 */
public record Supply(long total) implements StateEntry {
  public static final String KEY = "supply";

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("total", Long.toString(total));
    return out;
  }
}
