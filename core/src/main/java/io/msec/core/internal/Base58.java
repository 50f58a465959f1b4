package io.msec.core.internal;

/** Base58 with the Bitcoin alphabet (base58btc), as used by multibase prefix {@code z}. */
public final class Base58 {
  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final int[] INDEX = new int[128];

  static {
    java.util.Arrays.fill(INDEX, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      INDEX[ALPHABET.charAt(i)] = i;
    }
  }

  private Base58() {}

  /** Encodes by repeated division of a byte array in base 256 by 58 (no BigInteger). */
  public static String encode(byte[] data) {
    int zeros = 0;
    while (zeros < data.length && data[zeros] == 0) {
      zeros++;
    }
    byte[] input = java.util.Arrays.copyOfRange(data, zeros, data.length);
    char[] out = new char[input.length * 2];
    int outStart = out.length;
    int start = 0;
    while (start < input.length) {
      int remainder = 0;
      for (int i = start; i < input.length; i++) {
        int value = (remainder << 8) | (input[i] & 0xff);
        input[i] = (byte) (value / 58);
        remainder = value % 58;
      }
      out[--outStart] = ALPHABET.charAt(remainder);
      while (start < input.length && input[start] == 0) {
        start++;
      }
    }
    StringBuilder text = new StringBuilder(zeros + out.length - outStart);
    text.append("1".repeat(zeros));
    return text.append(out, outStart, out.length - outStart).toString();
  }

  /**
   * @throws IllegalArgumentException if {@code text} holds a character outside the alphabet
   */
  public static byte[] decode(String text) {
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    // Base 256 digits of the number, least significant first; 58 < 256 so log(58)/log(256) < 0.74.
    byte[] number = new byte[text.length() * 3 / 4 + 1];
    int length = 0;
    for (int i = zeros; i < text.length(); i++) {
      char c = text.charAt(i);
      int carry = c < 128 ? INDEX[c] : -1;
      if (carry < 0) {
        throw new IllegalArgumentException("not a base58btc character at " + i + ": '" + c + "'");
      }
      for (int j = 0; j < length; j++) {
        carry += (number[j] & 0xff) * 58;
        number[j] = (byte) carry;
        carry >>= 8;
      }
      while (carry > 0) {
        number[length++] = (byte) carry;
        carry >>= 8;
      }
    }
    byte[] out = new byte[zeros + length];
    for (int j = 0; j < length; j++) {
      out[zeros + j] = number[length - 1 - j];
    }
    return out;
  }
}
