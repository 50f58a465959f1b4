package io.msec.core;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES-GCM content key: the key of one epoch of a stream, or of a sealed payload. A sealed
 * value is {@code nonce (12 bytes) || ciphertext || tag (16 bytes)}, with a fresh random nonce per
 * call. The associated data binds a ciphertext to where it belongs (device, epoch, sequence), so it
 * cannot be moved elsewhere unnoticed. Immutable and thread-safe.
 *
 * <pre>{@code
 * ContentKey key = ContentKey.generate();
 * byte[] sealed = key.seal(plaintext, aad);
 * byte[] back = key.open(sealed, aad);
 * }</pre>
 */
public final class ContentKey {
  /** Key length in bytes. */
  public static final int LENGTH = 32;

  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  private ContentKey(byte[] key) {
    this.key = key;
  }

  /** A fresh random key. */
  public static ContentKey generate() {
    byte[] k = new byte[LENGTH];
    RANDOM.nextBytes(k);
    return new ContentKey(k);
  }

  /**
   * The key with these raw bytes.
   *
   * @throws MsecException {@code bad-key} unless {@code raw} is 32 bytes
   */
  public static ContentKey of(byte[] raw) {
    if (raw == null || raw.length != LENGTH) {
      throw new MsecException("bad-key", "a content key is " + LENGTH + " bytes");
    }
    return new ContentKey(raw.clone());
  }

  /** The raw key bytes (a copy); handle with care, never log them. */
  public byte[] bytes() {
    return key.clone();
  }

  /** Encrypts {@code plaintext} and authenticates it together with {@code aad}. */
  public byte[] seal(byte[] plaintext, byte[] aad) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, aad);
      byte[] out = new byte[NONCE + c.getOutputSize(plaintext.length)];
      System.arraycopy(nonce, 0, out, 0, NONCE);
      c.doFinal(plaintext, 0, plaintext.length, out, NONCE);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /**
   * Decrypts what {@link #seal} produced with the same {@code aad}.
   *
   * @throws MsecException {@code bad-ciphertext} if the key, the data or the aad do not match
   */
  public byte[] open(byte[] sealed, byte[] aad) {
    if (sealed == null || sealed.length < NONCE + TAG_BITS / 8) {
      throw new MsecException("bad-ciphertext", "ciphertext too short");
    }
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE), aad);
      return c.doFinal(sealed, NONCE, sealed.length - NONCE);
    } catch (GeneralSecurityException e) {
      throw new MsecException(
          "bad-ciphertext", "ciphertext does not open with this key: wrong key or altered data");
    }
  }

  private Cipher cipher(int mode, byte[] nonce, byte[] aad) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    c.updateAAD(aad);
    return c;
  }

  @Override
  public String toString() {
    return "ContentKey[redacted]";
  }
}
