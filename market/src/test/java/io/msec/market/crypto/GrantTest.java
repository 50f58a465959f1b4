package io.msec.market.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.ContentKey;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.Json;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** Grants: JSON round trips, and a content key that only its licensee opens, only as itself. */
class GrantTest {
  static final RecipientKey BUYER = RecipientKey.generate();
  static final DidKey DEVICE = Identity.generate().did();
  static final String ORDER = "c3".repeat(32);

  static DidKey did(byte[] seed) {
    return Identity.fromSeed(seed).did();
  }

  static Grant reparsed(Grant grant) throws Exception {
    return Grant.fromJson(Json.mapper().readTree(grant.toJson().toString()));
  }

  @Property(tries = 40)
  void unwrapsTheSameKeyAfterAJsonRoundTrip(
      @ForAll @Size(32) byte[] key,
      @ForAll @Size(32) byte[] deviceSeed,
      @ForAll @LongRange(min = 0, max = (1L << 53) - 1) long epoch,
      @ForAll @LongRange(min = 0, max = (1L << 53) - 1) long from,
      @ForAll @AlphaChars @StringLength(min = 1, max = 70) String order)
      throws Exception {
    Grant grant =
        Grant.wrap(ContentKey.of(key), BUYER.publicKey(), order, did(deviceSeed), epoch, from);

    Grant back = reparsed(grant);

    assertThat(back).isEqualTo(grant);
    assertThat(back.toJson()).isEqualTo(grant.toJson());
    assertThat(back.unwrap(BUYER).bytes()).isEqualTo(key);
  }

  @Property(tries = 40)
  void anyFlippedBitOfTheWrappedKeyFails(@ForAll @IntRange(min = 0) int bit) {
    Grant grant = Grant.wrap(ContentKey.generate(), BUYER.publicKey(), ORDER, DEVICE, 3, 0);
    byte[] wrapped = grant.wrapped();
    int at = bit % (wrapped.length * 8);
    wrapped[at / 8] ^= (byte) (1 << (at % 8));
    Grant flipped = new Grant(ORDER, DEVICE, 3, 0, wrapped);

    assertThatThrownBy(() -> flipped.unwrap(BUYER))
        .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
  }

  @Test
  void opensOnlyAsTheGrantOfItsOrderDeviceAndEpoch() {
    ContentKey key = ContentKey.generate();
    Grant grant = Grant.wrap(key, BUYER.publicKey(), ORDER, DEVICE, 7, 1000);
    assertThat(grant.unwrap(BUYER).bytes()).isEqualTo(key.bytes());

    Grant[] moved = {
      new Grant("d4".repeat(32), DEVICE, 7, 1000, grant.wrapped()),
      new Grant(ORDER, Identity.generate().did(), 7, 1000, grant.wrapped()),
      new Grant(ORDER, DEVICE, 8, 1000, grant.wrapped())
    };
    for (Grant g : moved) {
      assertThatThrownBy(() -> g.unwrap(BUYER))
          .as(g.toString())
          .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
    }
  }

  @Test
  void anotherRecipientCannotUnwrap() {
    Grant grant = Grant.wrap(ContentKey.generate(), BUYER.publicKey(), ORDER, DEVICE, 1, 0);

    assertThatThrownBy(() -> grant.unwrap(RecipientKey.generate()))
        .hasFieldOrPropertyWithValue("code", "bad-ciphertext");
  }

  @Test
  void readsOnlyTheStrictWireForm() {
    ObjectNode good =
        Grant.wrap(ContentKey.generate(), BUYER.publicKey(), ORDER, DEVICE, 1, 5).toJson();
    assertThat(Grant.fromJson(good).epoch()).isEqualTo(1);

    JsonNode[] bad = {
      good.deepCopy().put("extra", 1),
      without(good, "from"),
      good.deepCopy().put("epoch", -1),
      good.deepCopy().put("epoch", 1.5),
      good.deepCopy().put("epoch", "1"),
      good.deepCopy().put("epoch", 1L << 53),
      good.deepCopy().put("device", "did:key:zBad"),
      good.deepCopy().put("order", ""),
      good.deepCopy().put("wrapped", good.get("wrapped").asText() + "="),
      good.deepCopy().put("wrapped", good.get("wrapped").asText().replace('_', '/')),
      Json.mapper().createArrayNode()
    };
    for (JsonNode json : bad) {
      if (json.equals(good)) {
        continue;
      }
      assertThatThrownBy(() -> Grant.fromJson(json))
          .as(json.toString())
          .hasFieldOrPropertyWithValue("code", "malformed-grant");
    }
  }

  static ObjectNode without(ObjectNode json, String member) {
    ObjectNode copy = json.deepCopy();
    copy.remove(member);
    return copy;
  }
}
