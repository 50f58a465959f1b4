package io.msec.market.crypto;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.subtle.X25519;
import io.msec.core.MsecException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;

/**
 * A buyer's X25519 key pair for HPKE ({@link Hpke}): the public half is the {@code recipient} of a
 * {@code buy}, the private half opens grants and bundles sealed to it. On disk it is a JSON Web Key
 * (RFC 8037) {@code {"kty":"OKP","crv":"X25519","x":..,"d":..}} readable by its owner only.
 * Immutable and thread-safe; {@link #toString()} never shows the private key.
 *
 * <pre>{@code
 * RecipientKey key = RecipientKey.generate();
 * key.save(Path.of("recipient.jwk"));
 * }</pre>
 */
public final class RecipientKey {
  private final byte[] privateKey;
  private final byte[] publicKey;
  private final HybridDecrypt decrypt;

  private RecipientKey(byte[] privateKey) {
    this.privateKey = privateKey.clone();
    try {
      this.publicKey = X25519.publicFromPrivate(this.privateKey);
      this.decrypt = Hpke.decrypter(this.privateKey, publicKey);
    } catch (InvalidKeyException e) {
      throw new MsecException("bad-key", "an X25519 private key is 32 bytes");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink refuses an X25519 HPKE key", e);
    }
  }

  /** A fresh key pair from a secure random source. */
  public static RecipientKey generate() {
    return new RecipientKey(X25519.generatePrivateKey());
  }

  /**
   * The key pair of a raw 32-byte X25519 private key.
   *
   * @throws MsecException {@code bad-key} unless {@code privateKey} has 32 bytes
   */
  public static RecipientKey of(byte[] privateKey) {
    if (privateKey == null || privateKey.length != Hpke.KEY_LENGTH) {
      throw new MsecException("bad-key", "an X25519 private key is 32 bytes");
    }
    return new RecipientKey(privateKey);
  }

  /** The public key as a {@code buy} names it: unpadded base64url of the raw 32 bytes. */
  public String publicKey() {
    return Wire.base64(publicKey);
  }

  /**
   * Decrypts what {@link Hpke#seal} sealed to this key with the same {@code info}.
   *
   * @throws MsecException {@code bad-ciphertext} if it was sealed to another key, with another
   *     info, or altered
   */
  public byte[] open(byte[] sealed, byte[] info) {
    if (sealed == null || sealed.length <= Hpke.KEY_LENGTH) {
      throw new MsecException("bad-ciphertext", "an HPKE message is longer than its 32-byte enc");
    }
    try {
      return decrypt.decrypt(sealed, info);
    } catch (GeneralSecurityException e) {
      throw new MsecException(
          "bad-ciphertext", "does not open with this recipient key: other key, info or altered");
    }
  }

  /**
   * Writes the key pair to {@code file} (which must not exist) with owner-only permissions.
   *
   * @throws MsecException {@code key-file-exists} or {@code key-file-io}
   */
  public void save(Path file) {
    RecipientKeyFile.write(file, Wire.base64(publicKey), Wire.base64(privateKey));
  }

  /**
   * Reads a key pair written by {@link #save}.
   *
   * @throws MsecException {@code key-file-permissions} if group or others may read it, {@code
   *     malformed-key-file} if it is not an X25519 JWK whose {@code x} matches {@code d}, or {@code
   *     key-file-io}
   */
  public static RecipientKey load(Path file) {
    RecipientKeyFile.Jwk jwk = RecipientKeyFile.read(file);
    RecipientKey key;
    try {
      key = of(Wire.unbase64(jwk.d(), "malformed-key-file", "member 'd'"));
    } catch (MsecException e) {
      throw new MsecException("malformed-key-file", "key file " + file + ": " + e.getMessage());
    }
    if (!key.publicKey().equals(jwk.x())) {
      throw new MsecException(
          "malformed-key-file", "key file " + file + " holds an 'x' that its 'd' does not match");
    }
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecipientKey other && Arrays.equals(privateKey, other.privateKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return "RecipientKey[" + publicKey() + "]";
  }
}
