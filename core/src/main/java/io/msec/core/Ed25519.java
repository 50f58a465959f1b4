package io.msec.core;

import java.security.SecureRandom;

/** Ed25519 (RFC 8032, pure variant) over BouncyCastle's constant-time implementation. */
public final class Ed25519 {
  public static final int PUBLIC_KEY_SIZE = 32;
  public static final int SEED_SIZE = 32;
  public static final int SIGNATURE_SIZE = 64;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ed25519() {}

  /** A fresh random 32-byte private key seed. */
  public static byte[] newSeed() {
    byte[] seed = new byte[SEED_SIZE];
    RANDOM.nextBytes(seed);
    return seed;
  }

  /** The public key of a 32-byte seed. */
  public static byte[] publicKey(byte[] seed) {
    requireLength(seed, SEED_SIZE, "private key seed");
    byte[] pub = new byte[PUBLIC_KEY_SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pub, 0);
    return pub;
  }

  /** Signs {@code message} with the seed whose public key is {@code publicKey}. */
  public static byte[] sign(byte[] seed, byte[] publicKey, byte[] message) {
    requireLength(seed, SEED_SIZE, "private key seed");
    byte[] sig = new byte[SIGNATURE_SIZE];
    org.bouncycastle.math.ec.rfc8032.Ed25519.sign(
        seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  /** True if {@code signature} is a valid signature of {@code message} by {@code publicKey}. */
  public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
    if (publicKey == null
        || publicKey.length != PUBLIC_KEY_SIZE
        || signature == null
        || signature.length != SIGNATURE_SIZE
        || message == null) {
      return false;
    }
    return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
        signature, 0, publicKey, 0, message, 0, message.length);
  }

  private static void requireLength(byte[] bytes, int length, String what) {
    if (bytes == null || bytes.length != length) {
      throw new MsecException("bad-key", "an Ed25519 " + what + " has " + length + " bytes");
    }
  }
}
