package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.internal.Fields;
import java.util.Set;

/**
 * Creates {@code amount} new tokens in account {@code to}. Only the treasury may sign it. Args:
 * {@code {"to":"did:key:..","amount":"1000"}}.
 */
public record Mint(DidKey to, long amount) implements Operation {
  public static final String TYPE = "mint";
  private static final Set<String> MEMBERS = Set.of("to", "amount");

  public Mint {
    if (amount <= 0) {
      throw Fields.malformed("a mint creates a positive amount");
    }
  }

  public static Mint fromArgs(JsonNode args) {
    Fields.members(args, "mint args", MEMBERS, MEMBERS);
    return new Mint(Fields.did(args, "to"), Fields.amount(args, "amount"));
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
