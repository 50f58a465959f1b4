package io.msec.ledger.internal;

import io.msec.core.MerkleTree;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 9162 Merkle root of a growing list of leaves, kept as the roots of its perfect subtrees
 * (one per set bit of the size), so that appending and taking the root cost O(log n). Folding those
 * roots from the right gives exactly MTH of RFC 9162 §2.1.1, since MTH splits at the largest power
 * of two below the size. Not thread-safe.
 */
public final class CompactRange {
  private final List<byte[]> peaks = new ArrayList<>();
  private long size;

  /** Appends one leaf hash. */
  public void append(byte[] leafHash) {
    byte[] node = leafHash;
    long s = size;
    while ((s & 1) == 1) {
      node = MerkleTree.nodeHash(peaks.remove(peaks.size() - 1), node);
      s >>= 1;
    }
    peaks.add(node);
    size++;
  }

  public long size() {
    return size;
  }

  /** MTH of the leaves so far; the hash of the empty string for none. */
  public byte[] root() {
    if (peaks.isEmpty()) {
      return MerkleTree.root(List.of());
    }
    byte[] r = peaks.get(peaks.size() - 1);
    for (int i = peaks.size() - 2; i >= 0; i--) {
      r = MerkleTree.nodeHash(peaks.get(i), r);
    }
    return r;
  }
}
