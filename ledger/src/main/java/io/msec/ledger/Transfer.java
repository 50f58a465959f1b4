package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.internal.Fields;
import java.util.Set;

/**
 * Moves {@code amount} tokens from the signer to account {@code to}. Args: {@code
 * {"to":"did:key:..","amount":"1000"}}.
 */
public record Transfer(DidKey to, long amount) implements Operation {
  public static final String TYPE = "transfer";
  private static final Set<String> MEMBERS = Set.of("to", "amount");

  public Transfer {
    if (amount <= 0) {
      throw Fields.malformed("a transfer moves a positive amount");
    }
  }

  public static Transfer fromArgs(JsonNode args) {
    Fields.members(args, "transfer args", MEMBERS, MEMBERS);
    return new Transfer(Fields.did(args, "to"), Fields.amount(args, "amount"));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("to", to.toString());
    out.put("amount", Long.toString(amount));
    return out;
  }
}
