package io.msec.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and hex helpers. */
public final class Hashes {
  private static final HexFormat HEX = HexFormat.of();

  private Hashes() {}

  /** SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    MessageDigest md = newSha256();
    return md.digest(bytes);
  }

  /** SHA-256 of one prefix byte followed by the given parts (RFC 9162 leaf and node hashes). */
  public static byte[] sha256(byte prefix, byte[]... parts) {
    MessageDigest md = newSha256();
    md.update(prefix);
    for (byte[] part : parts) {
      md.update(part);
    }
    return md.digest();
  }

  /** A fresh SHA-256 digest (always available on every Java platform). */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * @throws IllegalArgumentException if {@code hex} is not an even-length hex string
   */
  public static byte[] fromHex(String hex) {
    return HEX.parseHex(hex);
  }
}
