package io.msec.ledger.internal.ops;

import io.msec.core.DidKey;
import io.msec.ledger.Account;
import io.msec.ledger.LedgerException;
import io.msec.ledger.MutableState;
import io.msec.ledger.StateView;
import io.msec.ledger.Supply;

/** Balance arithmetic shared by the token operations; every sum is overflow-checked. */
final class Accounts {
  private Accounts() {}

  static Account of(StateView state, DidKey account) {
    return state.get(Account.key(account), Account.class).orElse(Account.EMPTY);
  }

  static long supply(StateView state) {
    return state.get(Supply.KEY, Supply.class).map(Supply::total).orElse(0L);
  }

  static void credit(MutableState state, DidKey account, long amount) {
    Account a = of(state, account);
    state.put(Account.key(account), new Account(add(a.balance(), amount), a.nonce()));
  }

  static void debit(MutableState state, DidKey account, long amount) {
    Account a = of(state, account);
    if (a.balance() < amount) {
      throw new LedgerException(
          LedgerException.INSUFFICIENT_FUNDS,
          "account " + account + " holds " + a.balance() + ", needs " + amount);
    }
    state.put(Account.key(account), new Account(a.balance() - amount, a.nonce()));
  }

  static long add(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new LedgerException(LedgerException.OVERFLOW, a + " + " + b + " overflows");
    }
  }
}
