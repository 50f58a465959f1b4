package io.msec.ledger;

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
   * The RFC 8785 bytes (the bytes the device signed) of each stored reading of {@code device} with
   * {@code from <= seq <= to}, in increasing sequence order. A twin reading store answers this with
   * {@code signedBytes(device, from, to)}.
   */
  List<byte[]> readings(DidKey device, long from, long to);

  /**
   * Opens the reading store of a node's data directory. The CLI finds one through {@link
   * java.util.ServiceLoader}.
   */
  interface Provider {
    ReadingSource open(Path nodeDataDir);
  }
}
