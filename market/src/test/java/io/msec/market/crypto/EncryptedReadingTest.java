package io.msec.market.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.ContentKey;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Stream delivery: the signed envelope comes back only with the epoch's key, only as itself. */
class EncryptedReadingTest {
  static final Identity DEVICE = Identity.generate();
  static final ContentKey KEY = ContentKey.generate();

  static byte[] envelope(long seq) {
    Reading r =
        new Reading(
            DEVICE.did(),
            seq,
            Instant.parse("2026-12-04T15:00:00Z"),
            Map.of("co2", new Reading.Quantity(712.5, "[ppm]")),
            null);
    return Envelope.sign(DEVICE, r.toJson()).toJson().toString().getBytes(StandardCharsets.UTF_8);
  }

  @Property(tries = 100)
  void opensTheSameBytesAfterAJsonRoundTrip(
      @ForAll @Size(max = 400) byte[] envelope,
      @ForAll @Size(32) byte[] seed,
      @ForAll @LongRange(min = 0, max = (1L << 53) - 1) long epoch,
      @ForAll @LongRange(min = 1, max = (1L << 53) - 1) long seq)
      throws Exception {
    DidKey device = Identity.fromSeed(seed).did();
    EncryptedReading sealed = EncryptedReading.seal(KEY, epoch, device, seq, envelope);

    EncryptedReading back =
        EncryptedReading.fromJson(Json.mapper().readTree(sealed.toJson().toString()));

    assertThat(back).isEqualTo(sealed);
    assertThat(back.open(KEY)).isEqualTo(envelope);
  }

  @Property(tries = 100)
  void anyFlippedBitOfTheCiphertextFails(@ForAll @IntRange(min = 0) int bit) {
    byte[] ct = EncryptedReading.seal(KEY, 4, DEVICE.did(), 9, envelope(9)).ct();
    int at = bit % (ct.length * 8);
    ct[at / 8] ^= (byte) (1 << (at % 8));
    EncryptedReading flipped = new EncryptedReading(DEVICE.did(), 4, 9, ct);

    assertThatThrownBy(() -> flipped.open(KEY))
        .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
  }

  @Test
  void opensOnlyAsTheReadingItWasSealedAs() {
    EncryptedReading sealed = EncryptedReading.seal(KEY, 4, DEVICE.did(), 9, envelope(9));
    assertThat(Envelope.fromJson(parse(sealed.open(KEY))).verify()).isTrue();

    EncryptedReading[] moved = {
      new EncryptedReading(Identity.generate().did(), 4, 9, sealed.ct()),
      new EncryptedReading(DEVICE.did(), 5, 9, sealed.ct()),
      new EncryptedReading(DEVICE.did(), 4, 10, sealed.ct())
    };
    for (EncryptedReading r : moved) {
      assertThatThrownBy(() -> r.open(KEY))
          .as(r.toString())
          .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
    }
    assertThatThrownBy(() -> sealed.open(ContentKey.generate()))
        .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
  }

  @Test
  void readsOnlyTheStrictWireForm() {
    ObjectNode good = EncryptedReading.seal(KEY, 4, DEVICE.did(), 9, envelope(9)).toJson();
    assertThat(EncryptedReading.fromJson(good).seq()).isEqualTo(9);

    JsonNode[] bad = {
      good.deepCopy().put("sig", "x"),
      good.deepCopy().put("seq", 0),
      good.deepCopy().put("epoch", -1),
      good.deepCopy().put("seq", 9.0),
      good.deepCopy().put("ct", good.get("ct").asText() + "=="),
      good.deepCopy().put("device", 5),
      GrantTest.without(good, "ct")
    };
    for (JsonNode json : bad) {
      assertThatThrownBy(() -> EncryptedReading.fromJson(json))
          .as(json.toString())
          .hasFieldOrPropertyWithValue("code", "malformed-delivery");
    }
  }

  static JsonNode parse(byte[] json) {
    try {
      return Json.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
