package io.msec.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;

/**
 * Proof of commitment handed back for a submitted transaction, once its block is durable.
 *
 * @param txId the transaction id, lowercase hex
 * @param height the block holding it
 * @param index its position in that block
 * @param blockHash the block's header hash, lowercase hex
 * @param timeMillis the block's time
 */
public record Receipt(String txId, long height, int index, String blockHash, long timeMillis) {
  public ObjectNode toJson() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("tx", txId);
    out.put("height", height);
    out.put("index", index);
    out.put("block", blockHash);
    out.put("time", timeMillis);
    return out;
  }
}
