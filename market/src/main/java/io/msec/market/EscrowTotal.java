package io.msec.market;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.ledger.StateEntry;

/**
 * The sum of all escrow still held, under {@code escrow-total}. With it the supply invariant reads:
 * the sum of all balances plus {@link #held} equals the supply.
 *
 * @param held tokens in escrow, never negative
 */
public record EscrowTotal(long held) implements StateEntry {
  public static final String KEY = "escrow-total";

  public EscrowTotal {
    if (held < 0) {
      throw new IllegalArgumentException("escrow held is never negative");
    }
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("held", Long.toString(held));
    return out;
  }
}
