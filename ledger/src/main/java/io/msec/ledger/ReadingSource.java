package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import java.nio.file.Path;
import java.util.List;

/**
 * The node's reading store as the ledger needs it to prove a reading: the stored readings of a
 * device in a sequence range. The ledger recomputes the batch's Merkle tree from them and checks it
 * against the anchor before building a proof.
 */
public interface ReadingSource {
  /**
   * The readings of {@code device} with {@code from <= seq <= to}, exactly as the device signed
   * them (the reading JSON objects, not the envelopes), in increasing sequence order.
   */
  List<JsonNode> readings(DidKey device, long from, long to);

  /**
   * Opens the reading store of a node's data directory. The CLI finds one through {@link
   * java.util.ServiceLoader}.
   */
  interface Provider {
    ReadingSource open(Path nodeDataDir);
  }
}
