package io.msec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class ContentKeyTest {
  private static final byte[] AAD = "msec/test\n1".getBytes(StandardCharsets.UTF_8);

  @Property(tries = 200)
  void opensWhatItSealed(@ForAll @Size(max = 2000) byte[] plaintext) {
    ContentKey key = ContentKey.generate();

    assertThat(key.open(key.seal(plaintext, AAD), AAD)).isEqualTo(plaintext);
  }

  @Property(tries = 200)
  void refusesAnyFlippedBit(@ForAll @Size(min = 1, max = 200) byte[] plaintext, @ForAll int at) {
    ContentKey key = ContentKey.generate();
    byte[] sealed = key.seal(plaintext, AAD);
    int bit = Math.floorMod(at, sealed.length * 8);
    sealed[bit / 8] ^= (byte) (1 << (bit % 8));

    assertThatThrownBy(() -> key.open(sealed, AAD))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("bad-ciphertext"));
  }

  @Property(tries = 50)
  void refusesOtherKeyOrOtherAad(@ForAll @Size(max = 100) byte[] plaintext) {
    ContentKey key = ContentKey.generate();
    byte[] sealed = key.seal(plaintext, AAD);

    assertThatThrownBy(() -> ContentKey.generate().open(sealed, AAD))
        .isInstanceOf(MsecException.class);
    assertThatThrownBy(() -> key.open(sealed, "msec/test\n2".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MsecException.class);
  }

  @Property(tries = 20)
  void sealsTheSamePlaintextDifferentlyEachTime(@ForAll @Size(max = 50) byte[] plaintext) {
    ContentKey key = ContentKey.generate();

    assertThat(key.seal(plaintext, AAD)).isNotEqualTo(key.seal(plaintext, AAD));
  }

  @Property(tries = 20)
  void roundTripsThroughRawBytes(@ForAll @Size(max = 50) byte[] plaintext) {
    ContentKey key = ContentKey.generate();

    assertThat(ContentKey.of(key.bytes()).open(key.seal(plaintext, AAD), AAD)).isEqualTo(plaintext);
  }
}
