package io.msec.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.ledger.internal.StateStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What operation kinds of other modules rely on: Balances, Args and listing state by prefix. */
class ExtensionApiTest {
  @TempDir Path dir;

  private static LedgerException refusal(Runnable r) {
    try {
      r.run();
    } catch (LedgerException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void debitRefusesMoreThanTheBalanceAndCreditRefusesOverflow() {
    Fixture.Keys k = new Fixture.Keys();
    StateStore state = new StateStore();
    Balances.credit(state, k.alice.did(), 10);

    assertThat(refusal(() -> Balances.debit(state, k.alice.did(), 11)).code())
        .isEqualTo(LedgerException.INSUFFICIENT_FUNDS);
    assertThat(refusal(() -> Balances.credit(state, k.alice.did(), Long.MAX_VALUE)).code())
        .isEqualTo(LedgerException.OVERFLOW);
    Balances.debit(state, k.alice.did(), 10);
    assertThat(Balances.of(state, k.alice.did()).balance()).isZero();
    assertThatThrownBy(() -> Balances.credit(state, k.alice.did(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void amountOrZeroReadsZeroButNoOtherLeadingZero() {
    ObjectNode args = Json.mapper().createObjectNode();
    args.put("a", "0").put("b", "07").put("c", "250");

    assertThat(Args.amountOrZero(args, "a")).isZero();
    assertThat(Args.amountOrZero(args, "c")).isEqualTo(250);
    assertThat(refusal(() -> Args.amountOrZero(args, "b")).code())
        .isEqualTo(LedgerException.MALFORMED_TRANSACTION);
    assertThat(refusal(() -> Args.amount(args, "a")).code())
        .isEqualTo(LedgerException.MALFORMED_TRANSACTION);
  }

  @Test
  void entriesListsOneKindOfStateSortedByKey() {
    try (Fixture f = new Fixture(dir)) {
      f.commit(f.treasury, new Mint(f.bob.did(), 5));
      f.commit(f.treasury, new Mint(f.alice.did(), 7));

      List<StateEntry> accounts = f.ledger.entries("account/");

      assertThat(accounts)
          .containsExactlyElementsOf(
              List.of(f.alice.did(), f.bob.did(), f.treasury.did()).stream()
                  .map(Account::key)
                  .sorted()
                  .map(key -> f.ledger.state().get(key).orElseThrow())
                  .toList());
      assertThat(f.ledger.entries("device/")).isEmpty();
    }
  }
}
