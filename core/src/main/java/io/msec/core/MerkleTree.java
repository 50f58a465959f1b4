package io.msec.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle tree hashing, inclusion proofs and consistency proofs as in RFC 9162 §2.1 (Certificate
 * Transparency v2): leaves are hashed as {@code SHA-256(0x00 || data)} and interior nodes as {@code
 * SHA-256(0x01 || left || right)}, so that a leaf can never pass for a node.
 *
 * <p>Methods take the list of <em>leaf hashes</em>; use {@link #leafHash(byte[])} to make them. All
 * methods are pure and thread-safe.
 *
 * <pre>{@code
 * List<byte[]> leaves = readings.stream().map(MerkleTree::leafHash).toList();
 * List<byte[]> path = MerkleTree.inclusionProof(leaves, 3);
 * boolean ok = MerkleTree.verifyInclusion(leaves.get(3), 3, leaves.size(), path, root);
 * }</pre>
 */
public final class MerkleTree {
  private static final byte LEAF = 0x00;
  private static final byte NODE = 0x01;
  private static final byte[] EMPTY_ROOT = Hashes.sha256(new byte[0]);

  private MerkleTree() {}

  public static byte[] leafHash(byte[] data) {
    return Hashes.sha256(LEAF, data);
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    return Hashes.sha256(NODE, left, right);
  }

  /** MTH over the given leaf hashes; the hash of the empty string for no leaves. */
  public static byte[] root(List<byte[]> leafHashes) {
    if (leafHashes.isEmpty()) {
      return EMPTY_ROOT.clone();
    }
    return mth(leafHashes, 0, leafHashes.size());
  }

  private static byte[] mth(List<byte[]> leaves, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaves.get(from);
    }
    int k = largestPowerOfTwoBelow(n);
    return nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
  }

  /** The audit path of leaf {@code index} (RFC 9162 §2.1.3.1), from the leaf upwards. */
  public static List<byte[]> inclusionProof(List<byte[]> leafHashes, int index) {
    if (index < 0 || index >= leafHashes.size()) {
      throw new IllegalArgumentException(
          "leaf " + index + " is outside a tree of " + leafHashes.size());
    }
    List<byte[]> path = new ArrayList<>();
    path(leafHashes, index, 0, leafHashes.size(), path);
    return path;
  }

  private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
    int n = to - from;
    if (n == 1) {
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(leaves, m, from, from + k, out);
      out.add(mth(leaves, from + k, to));
    } else {
      path(leaves, m - k, from + k, to, out);
      out.add(mth(leaves, from, from + k));
    }
  }

  /** Checks an audit path (RFC 9162 §2.1.3.2). */
  public static boolean verifyInclusion(
      byte[] leafHash, long index, long treeSize, List<byte[]> path, byte[] root) {
    if (index < 0 || index >= treeSize) {
      return false;
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(r, root);
  }

  /**
   * The consistency proof between the tree of the first {@code oldSize} leaves and the whole tree
   * (RFC 9162 §2.1.4.1).
   */
  public static List<byte[]> consistencyProof(List<byte[]> leafHashes, int oldSize) {
    if (oldSize < 1 || oldSize > leafHashes.size()) {
      throw new IllegalArgumentException(
          "old size " + oldSize + " is not within 1.." + leafHashes.size());
    }
    List<byte[]> proof = new ArrayList<>();
    subproof(leafHashes, oldSize, 0, leafHashes.size(), true, proof);
    return proof;
  }

  private static void subproof(
      List<byte[]> leaves, int m, int from, int to, boolean whole, List<byte[]> out) {
    int n = to - from;
    if (m == n) {
      if (!whole) {
        out.add(mth(leaves, from, to));
      }
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(leaves, m, from, from + k, whole, out);
      out.add(mth(leaves, from + k, to));
    } else {
      subproof(leaves, m - k, from + k, to, false, out);
      out.add(mth(leaves, from, from + k));
    }
  }

  /** Checks a consistency proof (RFC 9162 §2.1.4.2). */
  public static boolean verifyConsistency(
      long oldSize, long newSize, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
    if (oldSize < 1 || oldSize > newSize) {
      return false;
    }
    if (oldSize == newSize) {
      return proof.isEmpty() && Arrays.equals(oldRoot, newRoot);
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(oldSize) == 1) {
      path.add(0, oldRoot);
    }
    if (path.isEmpty()) {
      return false;
    }
    long fn = oldSize - 1;
    long sn = newSize - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(fr, oldRoot) && Arrays.equals(sr, newRoot);
  }

  private static int largestPowerOfTwoBelow(int n) {
    return Integer.highestOneBit(n - 1);
  }
}
