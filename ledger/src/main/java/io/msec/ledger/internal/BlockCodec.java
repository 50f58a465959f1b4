package io.msec.ledger.internal;

import io.msec.core.CanonicalJson;
import io.msec.core.Json;
import io.msec.ledger.Block;
import io.msec.ledger.LedgerException;
import io.msec.ledger.Transaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A block's record in the log: the RFC 8785 JSON of {@code {"header":..,"sig":..,"txs":[..]}},
 * assembled from the transactions' canonical bytes without re-serialising them.
 */
public final class BlockCodec {
  private BlockCodec() {}

  public static byte[] encode(Block block) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 400 * block.transactions().size());
    out.writeBytes(ascii("{\"header\":"));
    out.writeBytes(CanonicalJson.bytes(block.header().toJson()));
    out.writeBytes(ascii(",\"sig\":\"" + Fields.base64(block.signature()) + "\",\"txs\":["));
    boolean first = true;
    for (Transaction tx : block.transactions()) {
      if (!first) {
        out.write(',');
      }
      first = false;
      out.writeBytes(tx.canonicalBytes());
    }
    out.writeBytes(ascii("]}"));
    return out.toByteArray();
  }

  /**
   * @throws LedgerException {@code corrupt-chain} if the record is not a block
   */
  public static Block decode(byte[] payload) {
    try {
      return Block.fromJson(Json.mapper().readTree(payload));
    } catch (IOException | RuntimeException e) {
      throw new LedgerException(
          LedgerException.CORRUPT_CHAIN, "a stored record is not a block: " + e.getMessage(), e);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
