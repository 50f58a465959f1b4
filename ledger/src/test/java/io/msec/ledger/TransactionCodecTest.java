package io.msec.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.core.Identity;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The wire form of a transaction round-trips, and no changed byte passes as signed. */
class TransactionCodecTest {
  private static final Identity ACCOUNT = Fixture.seeded(40);
  private static final Identity OTHER = Fixture.seeded(41);

  @Provide
  Arbitrary<Transaction> transactions() {
    Arbitrary<Operation> ops =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1, Long.MAX_VALUE).map(a -> new Transfer(OTHER.did(), a)),
            Arbitraries.longs().between(1, Long.MAX_VALUE).map(a -> new Mint(OTHER.did(), a)),
            Combinators.combine(
                    Arbitraries.longs().between(1, 1L << 40),
                    Arbitraries.integers().between(1, 500),
                    Arbitraries.bytes().array(byte[].class).ofSize(32))
                .as((from, n, root) -> new AnchorBatch(OTHER.did(), from, from + n - 1, n, root)),
            Arbitraries.strings()
                .ofMinLength(1)
                .ofMaxLength(30)
                .map(name -> new RegisterDevice(OTHER.did(), "t", name, null, Fixture.schema())));
    return Combinators.combine(Arbitraries.longs().between(1, (1L << 53) - 1), ops)
        .as((nonce, op) -> TransactionBuilder.sign(ACCOUNT, nonce, op));
  }

  @Property(tries = 200)
  void wireFormRoundTripsWithSameIdAndValidSignature(@ForAll("transactions") Transaction tx) {
    byte[] text = tx.toJson().toString().getBytes(StandardCharsets.UTF_8);

    Transaction back = Transaction.fromBytes(text);

    assertThat(back.idHex()).isEqualTo(tx.idHex());
    assertThat(back.verifySignature()).isTrue();
    assertThat(back.canonicalBytes()).isEqualTo(tx.canonicalBytes());
  }

  @Property(tries = 300)
  void anySingleChangedByteIsRefusedOrFailsTheSignature(
      @ForAll("transactions") Transaction tx,
      @ForAll @IntRange(min = 0, max = 100_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    byte[] text = tx.canonicalBytes();
    int i = where % text.length;
    text[i] ^= (byte) flip;

    Transaction changed;
    try {
      changed = Transaction.fromBytes(text);
    } catch (LedgerException e) {
      assertThat(e.code()).isEqualTo(LedgerException.MALFORMED_TRANSACTION);
      return;
    }
    assertThat(changed.verifySignature()).as(new String(text, StandardCharsets.UTF_8)).isFalse();
  }
}
