package io.msec.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;

/**
 * The parameters fixed when the chain was created. Stored under {@code genesis}.
 *
 * @param treasury the only account that may mint
 * @param sequencer the key that signs blocks and heads
 */
public record Genesis(DidKey treasury, DidKey sequencer) implements StateEntry {
  public static final String KEY = "genesis";

  @Override
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("treasury", treasury.toString());
    out.put("sequencer", sequencer.toString());
    return out;
  }
}
