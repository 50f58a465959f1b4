package io.msec.core.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/** Base58 with the Bitcoin alphabet (base58btc), as used by multibase prefix {@code z}. */
public final class Base58 {
  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);
  private static final int[] INDEX = new int[128];

  static {
    java.util.Arrays.fill(INDEX, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      INDEX[ALPHABET.charAt(i)] = i;
    }
  }

  private Base58() {}

  public static String encode(byte[] data) {
    StringBuilder out = new StringBuilder();
    BigInteger n = new BigInteger(1, data);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(BASE);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    for (int i = 0; i < data.length && data[i] == 0; i++) {
      out.append('1');
    }
    return out.reverse().toString();
  }

  /**
   * @throws IllegalArgumentException if {@code text} holds a character outside the alphabet
   */
  public static byte[] decode(String text) {
    BigInteger n = BigInteger.ZERO;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int digit = c < 128 ? INDEX[c] : -1;
      if (digit < 0) {
        throw new IllegalArgumentException("not a base58btc character at " + i + ": '" + c + "'");
      }
      n = n.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < text.length() && text.charAt(i) == '1'; i++) {
      out.write(0);
    }
    if (n.signum() > 0) {
      byte[] magnitude = n.toByteArray();
      int skip = magnitude[0] == 0 ? 1 : 0;
      out.write(magnitude, skip, magnitude.length - skip);
    }
    return out.toByteArray();
  }
}
