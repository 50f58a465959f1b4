package io.msec.market.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.Identity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The signed access header: one buyer, one order, one purpose, five minutes. */
class AccessTokenTest {
  static final Identity BUYER = Identity.generate();
  static final String ORDER = "0a".repeat(32);
  static final long NOW = 1_764_860_000_000L;

  @Property(tries = 100)
  void verifiesAsItsSignerForItsOrderAndPurpose(
      @ForAll @Size(32) byte[] seed,
      @ForAll @AlphaChars @StringLength(min = 1, max = 64) String order,
      @ForAll String purpose,
      @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long millis,
      @ForAll @LongRange(min = -300_000, max = 300_000) long skew) {
    Identity buyer = Identity.fromSeed(seed);

    String header = AccessToken.header(buyer, order, purpose, millis);

    assertThat(header).startsWith("MSec " + buyer.did() + " " + millis + ".");
    assertThat(AccessToken.verify(header, order, purpose, millis + skew)).isEqualTo(buyer.did());
  }

  @Test
  void refusesAnotherOrder() {
    String header = AccessToken.header(BUYER, ORDER, "research", NOW);

    assertBadAuth(header, "0b".repeat(32), "research", NOW);
  }

  @Test
  void refusesAnotherPurpose() {
    String header = AccessToken.header(BUYER, ORDER, "research", NOW);

    assertBadAuth(header, ORDER, "ventilation-control", NOW);
  }

  @Test
  void refusesAHeaderMoreThanFiveMinutesOff() {
    String header = AccessToken.header(BUYER, ORDER, "research", NOW);

    assertThat(AccessToken.verify(header, ORDER, "research", NOW + 300_000)).isEqualTo(BUYER.did());
    assertThat(AccessToken.verify(header, ORDER, "research", NOW - 300_000)).isEqualTo(BUYER.did());
    assertBadAuth(header, ORDER, "research", NOW + 300_001);
    assertBadAuth(header, ORDER, "research", NOW - 300_001);
  }

  @Test
  void refusesASignatureByAnotherKeyThanTheNamedBuyer() {
    Identity other = Identity.generate();
    String signedByOther = AccessToken.header(other, ORDER, "research", NOW);
    String claimingBuyer = signedByOther.replace(other.did().toString(), BUYER.did().toString());

    assertBadAuth(claimingBuyer, ORDER, "research", NOW);
  }

  @Test
  void refusesMalformedHeaders() {
    String good = AccessToken.header(BUYER, ORDER, "research", NOW);
    String token = good.substring(good.lastIndexOf(' ') + 1);
    String sig = token.substring(token.indexOf('.') + 1);
    String did = BUYER.did().toString();

    String[] bad = {
      null,
      "",
      "Bearer " + did + " " + token,
      "MSec " + did + " " + token + " extra",
      "MSec  " + did + " " + token,
      "MSec did:key:zNope " + token,
      "MSec " + did + " " + sig,
      "MSec " + did + " 0" + token,
      "MSec " + did + " +" + token,
      "MSec " + did + " " + token + "=",
      "MSec " + did + " " + NOW + "." + sig.substring(2),
    };
    for (String header : bad) {
      assertBadAuth(header, ORDER, "research", NOW);
    }
    assertThat(AccessToken.verify(good.replace("MSec", "msec"), ORDER, "research", NOW))
        .isEqualTo(BUYER.did());
  }

  static void assertBadAuth(String header, String order, String purpose, long now) {
    assertThatThrownBy(() -> AccessToken.verify(header, order, purpose, now))
        .as(header)
        .hasFieldOrPropertyWithValue("code", "bad-auth");
  }
}
