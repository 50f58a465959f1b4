package io.msec.market.crypto;

import com.google.crypto.tink.ConfigurationV0;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import io.msec.core.MsecException;
import java.security.GeneralSecurityException;

/**
 * Single-shot HPKE of RFC 9180 in base mode with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and
 * AES-256-GCM, through Tink. A sealed message is {@code enc (32 bytes) || ciphertext || tag}; the
 * {@code info} string binds it to its purpose (which grant, which bundle) and the AEAD's associated
 * data is empty. Stateless and thread-safe.
 *
 * <pre>{@code
 * byte[] sealed = Hpke.seal(recipient.publicKey(), plaintext, info);
 * byte[] back = recipient.open(sealed, info);
 * }</pre>
 */
public final class Hpke {
  /** Length of an X25519 public key, and of the encapsulated key that starts a sealed message. */
  public static final int KEY_LENGTH = 32;

  /** The one suite M-Sec uses; {@code NO_PREFIX} so the output is plain RFC 9180. */
  static final HpkeParameters PARAMETERS = parameters();

  private Hpke() {}

  /**
   * Encrypts {@code plaintext} to the holder of {@code recipientPublicKey}.
   *
   * @param recipientPublicKey base64url (no padding) of a raw 32-byte X25519 public key
   * @throws MsecException {@code bad-recipient} if the key is not one
   */
  public static byte[] seal(String recipientPublicKey, byte[] plaintext, byte[] info) {
    byte[] raw = parsePublicKey(recipientPublicKey);
    try {
      HybridEncrypt encrypt =
          KeysetHandle.newBuilder()
              .addEntry(KeysetHandle.importKey(publicKey(raw)).withRandomId().makePrimary())
              .build()
              .getPrimitive(ConfigurationV0.get(), HybridEncrypt.class);
      return encrypt.encrypt(plaintext, info);
    } catch (GeneralSecurityException e) {
      throw new MsecException("bad-recipient", "cannot encrypt to this recipient key: " + e);
    }
  }

  /**
   * The raw bytes of a recipient key as buyers name it in a {@code buy}.
   *
   * @throws MsecException {@code bad-recipient} unless it is 32 bytes of unpadded base64url
   */
  public static byte[] parsePublicKey(String recipientPublicKey) {
    if (recipientPublicKey == null) {
      throw new MsecException("bad-recipient", "no recipient key");
    }
    byte[] raw = Wire.unbase64(recipientPublicKey, "bad-recipient", "the recipient key");
    if (raw.length != KEY_LENGTH) {
      throw new MsecException(
          "bad-recipient", "a recipient key is " + KEY_LENGTH + " bytes, not " + raw.length);
    }
    return raw;
  }

  /** The decrypting primitive of a private key; {@code publicKey} must be its public half. */
  static HybridDecrypt decrypter(byte[] privateKey, byte[] publicKey)
      throws GeneralSecurityException {
    HpkePrivateKey key =
        HpkePrivateKey.create(
            publicKey(publicKey), SecretBytes.copyFrom(privateKey, InsecureSecretKeyAccess.get()));
    return KeysetHandle.newBuilder()
        .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
        .build()
        .getPrimitive(ConfigurationV0.get(), HybridDecrypt.class);
  }

  private static HpkePublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    return HpkePublicKey.create(PARAMETERS, Bytes.copyFrom(raw), null);
  }

  private static HpkeParameters parameters() {
    try {
      return HpkeParameters.builder()
          .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
          .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
          .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
          .setVariant(HpkeParameters.Variant.NO_PREFIX)
          .build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Tink lacks the HPKE suite of RFC 9180", e);
    }
  }
}
