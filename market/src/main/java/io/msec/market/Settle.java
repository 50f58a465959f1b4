package io.msec.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.ledger.Args;
import io.msec.ledger.Operation;
import io.msec.market.internal.Values;
import java.util.Set;

/**
 * Pays an order's escrow to the provider. Signed by the buyer (delivery acknowledged) or, for a
 * stream whose license has ended, by the node. Args: {@code {"order":"<buy tx id, hex>"}}.
 */
public record Settle(String order) implements Operation {
  public static final String TYPE = "settle";
  private static final Set<String> MEMBERS = Set.of("order");

  public Settle {
    Values.txId(order, "order");
  }

  public static Settle fromArgs(JsonNode args) {
    Args.members(args, "settle args", MEMBERS, MEMBERS);
    return new Settle(Args.text(args, "order"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("order", order);
    return out;
  }
}
