package io.msec.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.ledger.Args;
import io.msec.ledger.Operation;
import io.msec.market.internal.Values;
import java.util.Set;

/**
 * Revokes an order's license, refunding the buyer if its escrow is still held. Signed by the
 * provider or the node. Args: {@code {"order":"<buy tx id, hex>","reason":"delivery-timeout"}}.
 *
 * @param reason why, 1 to 200 characters; recorded in the state
 */
public record RevokeLicense(String order, String reason) implements Operation {
  public static final String TYPE = "revoke-license";
  private static final Set<String> MEMBERS = Set.of("order", "reason");

  public RevokeLicense {
    Values.txId(order, "order");
    Values.text(reason, 1, 200, "a reason");
  }

  public static RevokeLicense fromArgs(JsonNode args) {
    Args.members(args, "revoke-license args", MEMBERS, MEMBERS);
    return new RevokeLicense(Args.text(args, "order"), Args.text(args, "reason"));
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
