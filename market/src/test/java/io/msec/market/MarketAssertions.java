package io.msec.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.ledger.Account;
import io.msec.ledger.Ledger;
import io.msec.ledger.StateEntry;

/** Assertions on the market's state that every market test, here or in the node, can reuse. */
public final class MarketAssertions {
  private MarketAssertions() {}

  /**
   * The supply invariant: the sum of all balances plus the escrow total equals the supply, and the
   * escrow total is the sum of the escrows still held.
   */
  public static void assertSupplyHolds(Ledger ledger) {
    long balances = 0;
    for (StateEntry e : ledger.entries("account/")) {
      balances = Math.addExact(balances, ((Account) e).balance());
    }
    Market market = new Market(ledger);
    long held =
        ledger.entries(Escrow.PREFIX).stream()
            .map(Escrow.class::cast)
            .filter(Escrow::held)
            .mapToLong(Escrow::amount)
            .sum();

    assertThat(market.escrowHeld()).as("escrow total vs held escrows").isEqualTo(held);
    assertThat(Math.addExact(balances, market.escrowHeld()))
        .as("balances + escrow total vs supply")
        .isEqualTo(ledger.totalSupply());
  }

  /** No negative balance, and no offer sold beyond its units. */
  public static void assertNothingNegativeOrOversold(Ledger ledger) {
    for (StateEntry e : ledger.entries("account/")) {
      assertThat(((Account) e).balance()).isNotNegative();
    }
    for (Offer o : new Market(ledger).offers()) {
      assertThat(o.sold()).isNotNegative();
      if (o.units() != 0) {
        assertThat(o.sold()).as("sold of offer %s", o.id()).isLessThanOrEqualTo(o.units());
      }
    }
  }
}
