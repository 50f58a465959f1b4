package io.msec.ledger;

import io.msec.core.DidKey;

/**
 * Token arithmetic for operation kinds, inside the ledger or added through an {@link
 * OperationRegistry}: every sum is overflow-checked ({@code overflow}) and no balance goes below
 * zero ({@code insufficient-funds}). Stateless.
 *
 * <pre>{@code
 * Balances.debit(ctx.state(), ctx.signer(), price);   // refuses if the signer holds less
 * Balances.credit(ctx.state(), provider, price);
 * }</pre>
 */
public final class Balances {
  private Balances() {}

  /** The account of {@code account}, {@link Account#EMPTY} if it never held tokens. */
  public static Account of(StateView state, DidKey account) {
    return state.get(Account.key(account), Account.class).orElse(Account.EMPTY);
  }

  /** Tokens in existence. */
  public static long supply(StateView state) {
    return state.get(Supply.KEY, Supply.class).map(Supply::total).orElse(0L);
  }

  /**
   * Adds {@code amount} (not negative) to the balance of {@code account}.
   *
   * @throws LedgerException {@code overflow}
   */
  public static void credit(MutableState state, DidKey account, long amount) {
    requireNotNegative(amount);
    Account a = of(state, account);
    state.put(Account.key(account), new Account(add(a.balance(), amount), a.nonce()));
  }

  /**
   * Takes {@code amount} (not negative) from the balance of {@code account}.
   *
   * @throws LedgerException {@code insufficient-funds} if the account holds less
   */
  public static void debit(MutableState state, DidKey account, long amount) {
    requireNotNegative(amount);
    Account a = of(state, account);
    if (a.balance() < amount) {
      throw new LedgerException(
          LedgerException.INSUFFICIENT_FUNDS,
          "account " + account + " holds " + a.balance() + ", needs " + amount);
    }
    state.put(Account.key(account), new Account(a.balance() - amount, a.nonce()));
  }

  /**
   * {@code a + b}.
   *
   * @throws LedgerException {@code overflow} if the sum leaves the signed 64-bit range
   */
  public static long add(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new LedgerException(LedgerException.OVERFLOW, a + " + " + b + " overflows");
    }
  }

  private static void requireNotNegative(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("an amount moved is never negative: " + amount);
    }
  }
}
