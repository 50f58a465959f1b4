package io.msec.market.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.MsecException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.junit.jupiter.api.Test;

/** HPKE as RFC 9180 defines it: round trips, bindings, and agreement with BouncyCastle's HPKE. */
class HpkeTest {
  static final byte[] INFO = "msec/test/v1\norder".getBytes(StandardCharsets.UTF_8);
  static final byte[] NO_AAD = new byte[0];

  static HPKE bouncyCastle() {
    return new HPKE(
        HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Property(tries = 50)
  void opensWhatWasSealedToIt(
      @ForAll @Size(max = 300) byte[] plaintext, @ForAll @Size(max = 64) byte[] info) {
    RecipientKey key = RecipientKey.generate();

    byte[] sealed = Hpke.seal(key.publicKey(), plaintext, info);

    assertThat(sealed).hasSize(Hpke.KEY_LENGTH + plaintext.length + 16);
    assertThat(key.open(sealed, info)).isEqualTo(plaintext);
  }

  @Property(tries = 50)
  void anyFlippedBitFailsToOpen(
      @ForAll @Size(min = 1, max = 100) byte[] plaintext, @ForAll @IntRange(min = 0) int bit) {
    RecipientKey key = RecipientKey.generate();
    byte[] sealed = Hpke.seal(key.publicKey(), plaintext, INFO);
    int at = bit % (sealed.length * 8);
    sealed[at / 8] ^= (byte) (1 << (at % 8));

    assertThatThrownBy(() -> key.open(sealed, INFO))
        .isInstanceOf(MsecException.class)
        .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
  }

  @Test
  void anotherRecipientOrAnotherInfoCannotOpen() {
    RecipientKey key = RecipientKey.generate();
    byte[] sealed = Hpke.seal(key.publicKey(), new byte[] {1, 2, 3}, INFO);

    assertThatThrownBy(() -> RecipientKey.generate().open(sealed, INFO))
        .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
    assertThatThrownBy(() -> key.open(sealed, Arrays.copyOf(INFO, INFO.length - 1)))
        .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
    assertThatThrownBy(() -> key.open(Arrays.copyOf(sealed, 32), INFO))
        .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
  }

  @Test
  void bouncyCastleOpensWhatTinkSealed() throws Exception {
    HPKE bc = bouncyCastle();
    AsymmetricCipherKeyPair pair = bc.generatePrivateKey();
    byte[] publicKey = bc.serializePublicKey(pair.getPublic());
    byte[] plaintext = "an epoch key, say".getBytes(StandardCharsets.UTF_8);

    byte[] sealed = Hpke.seal(b64(publicKey), plaintext, INFO);

    byte[] enc = Arrays.copyOf(sealed, Hpke.KEY_LENGTH);
    byte[] ct = Arrays.copyOfRange(sealed, Hpke.KEY_LENGTH, sealed.length);
    assertThat(bc.open(enc, pair, INFO, NO_AAD, ct, null, null, null)).isEqualTo(plaintext);
  }

  @Test
  void tinkOpensWhatBouncyCastleSealed() throws Exception {
    HPKE bc = bouncyCastle();
    AsymmetricCipherKeyPair pair = bc.generatePrivateKey();
    RecipientKey key = RecipientKey.of(bc.serializePrivateKey(pair.getPrivate()));
    assertThat(key.publicKey()).isEqualTo(b64(bc.serializePublicKey(pair.getPublic())));
    byte[] plaintext = "a bundle, say".getBytes(StandardCharsets.UTF_8);

    byte[][] out = bc.seal(pair.getPublic(), INFO, NO_AAD, plaintext, null, null, null);

    byte[] ct = out[0];
    byte[] enc = out[1];
    byte[] sealed = new byte[enc.length + ct.length];
    System.arraycopy(enc, 0, sealed, 0, enc.length);
    System.arraycopy(ct, 0, sealed, enc.length, ct.length);
    assertThat(key.open(sealed, INFO)).isEqualTo(plaintext);
  }

  @Test
  void refusesRecipientKeysThatAreNot32BytesOfCanonicalBase64url() {
    String good = RecipientKey.generate().publicKey();

    assertThat(Hpke.parsePublicKey(good)).hasSize(32);
    for (String bad :
        new String[] {
          null,
          "",
          good.substring(1),
          good + "AA",
          good + "=",
          good.replace('A', '+'),
          "!".repeat(43)
        }) {
      if (bad != null && bad.equals(good)) {
        continue;
      }
      assertThatThrownBy(() -> Hpke.parsePublicKey(bad))
          .as("key %s", bad)
          .hasFieldOrPropertyWithValue("code", "bad-recipient");
      assertThatThrownBy(() -> Hpke.seal(bad, new byte[1], INFO))
          .hasFieldOrPropertyWithValue("code", "bad-recipient");
    }
  }

  @Test
  void refusesARecipientKeyWithANonCanonicalLastCharacter() {
    // 32 bytes take 43 base64url characters; the last one carries 4 unused bits that must be 0.
    String good = b64(new byte[32]);
    String loose = good.substring(0, 42) + "B";

    assertThatThrownBy(() -> Hpke.parsePublicKey(loose))
        .hasFieldOrPropertyWithValue("code", "bad-recipient");
  }
}
