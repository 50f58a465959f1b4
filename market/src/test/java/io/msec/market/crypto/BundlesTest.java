package io.msec.market.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Sealed bundles open only for their buyer and order, and only unaltered. */
class BundlesTest {
  static final RecipientKey BUYER = RecipientKey.generate();
  static final String ORDER = "e5".repeat(32);

  static ObjectNode bundle(String order, String text) {
    ObjectNode b = Json.mapper().createObjectNode();
    b.put("format", BundleCheck.FORMAT);
    b.put("order", order);
    b.putObject("license").put("note", text);
    b.putArray("readings");
    return b;
  }

  @Property(tries = 50)
  void opensTheSameBundle(
      @ForAll @AlphaChars @StringLength(min = 1, max = 70) String order, @ForAll String text) {
    ObjectNode bundle = bundle(order, text);

    byte[] sealed = Bundles.seal(bundle, BUYER.publicKey(), order);

    assertThat(Bundles.open(sealed, BUYER, order)).isEqualTo(bundle);
  }

  @Property(tries = 50)
  void anyFlippedBitFails(@ForAll @IntRange(min = 0) int bit) {
    byte[] sealed = Bundles.seal(bundle(ORDER, "co2"), BUYER.publicKey(), ORDER);
    int at = bit % (sealed.length * 8);
    sealed[at / 8] ^= (byte) (1 << (at % 8));

    assertThatThrownBy(() -> Bundles.open(sealed, BUYER, ORDER))
        .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
  }

  @Test
  void opensOnlyForItsOrderAndItsBuyer() {
    byte[] sealed = Bundles.seal(bundle(ORDER, "co2"), BUYER.publicKey(), ORDER);

    assertThatThrownBy(() -> Bundles.open(sealed, BUYER, "f6".repeat(32)))
        .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
    assertThatThrownBy(() -> Bundles.open(sealed, RecipientKey.generate(), ORDER))
        .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
  }

  @Test
  void refusesABundleThatNamesAnotherOrderThanItWasSealedFor() {
    byte[] sealed = Bundles.seal(bundle("f6".repeat(32), "co2"), BUYER.publicKey(), ORDER);

    assertThatThrownBy(() -> Bundles.open(sealed, BUYER, ORDER))
        .hasFieldOrPropertyWithValue("code", "malformed-bundle");
  }
}
