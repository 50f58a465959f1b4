package io.msec.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** RFC 9162 §2.1.1 MTH written straight from the text, independent of the code under test. */
final class Rfc9162 {
  private Rfc9162() {}

  static byte[] leaf(byte[] entry) {
    return sha256(new byte[] {0}, entry);
  }

  /** MTH(D[n]) over raw entries. */
  static byte[] mth(List<byte[]> entries) {
    int n = entries.size();
    if (n == 0) {
      return sha256();
    }
    if (n == 1) {
      return leaf(entries.get(0));
    }
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return sha256(new byte[] {1}, mth(entries.subList(0, k)), mth(entries.subList(k, n)));
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
