package io.msec.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;

/**
 * A token account: its balance and the nonce of its last applied transaction (0 before the first).
 * Stored under {@code account/<did>}.
 *
 * @param balance tokens held, never negative
 * @param nonce the last nonce used; the next transaction must carry {@code nonce + 1}
 */
public record Account(long balance, long nonce) implements StateEntry {
  public static final Account EMPTY = new Account(0, 0);

  public Account {
    if (balance < 0 || nonce < 0) {
      throw new IllegalArgumentException("balance and nonce are never negative");
    }
  }

  public static String key(DidKey account) {
    return "account/" + account;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("balance", Long.toString(balance));
    out.put("nonce", nonce);
    return out;
  }
}
