package io.msec.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A value in the ledger state. Its {@link #toJson()} form is hashed into the state root, so it must
 * be deterministic and hold integers only up to 2^53 (larger ones as decimal strings).
 */
public interface StateEntry {
  ObjectNode toJson();
}
