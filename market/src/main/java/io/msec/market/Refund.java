package io.msec.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.ledger.Args;
import io.msec.ledger.Operation;
import io.msec.market.internal.Values;
import java.util.Set;

/**
 * Returns an order's escrow to the buyer. Signed by the node (delivery failed or timed out) or by
 * the provider. Args: {@code {"order":"<buy tx id, hex>","reason":"delivery-timeout"}}.
 *
 * @param reason why, 1 to 200 characters; recorded in the state
 */
public record Refund(String order, String reason) implements Operation {
  public static final String TYPE = "refund";
  private static final Set<String> MEMBERS = Set.of("order", "reason");

  public Refund {
    Values.txId(order, "order");
    Values.text(reason, 1, 200, "a reason");
  }

  public static Refund fromArgs(JsonNode args) {
    Args.members(args, "refund args", MEMBERS, MEMBERS);
    return new Refund(Args.text(args, "order"), Args.text(args, "reason"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("order", order);
    out.put("reason", reason);
    return out;
  }
}
