package io.msec.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.ledger.Args;
import io.msec.ledger.Operation;
import io.msec.market.internal.Values;
import java.util.Set;

/**
 * Stops selling an offer; licenses sold stay valid. Signed by the provider. Args: {@code
 * {"offer":"<offer id, hex>"}}.
 */
public record WithdrawOffer(String offer) implements Operation {
  public static final String TYPE = "withdraw-offer";
  private static final Set<String> MEMBERS = Set.of("offer");

  public WithdrawOffer {
    Values.txId(offer, "offer");
  }

  public static WithdrawOffer fromArgs(JsonNode args) {
    Args.members(args, "withdraw-offer args", MEMBERS, MEMBERS);
    return new WithdrawOffer(Args.text(args, "offer"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("offer", offer);
    return out;
  }
}
