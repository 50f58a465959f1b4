package io.msec.ledger;

import io.msec.core.DidKey;
import io.msec.core.Identity;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds and signs transactions for one account, handing out its nonces in order. The node, the CLI
 * and tests build transactions only through this class. Thread-safe.
 *
 * <pre>{@code
 * TransactionBuilder alice = TransactionBuilder.forAccount(aliceIdentity, ledger.nextNonce(alice));
 * ledger.submit(alice.next(new Transfer(bob, 250))).join();
 * }</pre>
 */
public final class TransactionBuilder {
  private final Identity account;
  private final AtomicLong nextNonce;

  private TransactionBuilder(Identity account, long nextNonce) {
    if (nextNonce < 1) {
      throw new IllegalArgumentException("nonces start at 1");
    }
    this.account = account;
    this.nextNonce = new AtomicLong(nextNonce);
  }

  /** A builder whose first transaction carries {@code nextNonce}. */
  public static TransactionBuilder forAccount(Identity account, long nextNonce) {
    return new TransactionBuilder(account, nextNonce);
  }

  /** Signs {@code op} with the next nonce. */
  public Transaction next(Operation op) {
    return sign(account, nextNonce.getAndIncrement(), op);
  }

  /** The nonce the next transaction will carry. */
  public long peekNonce() {
    return nextNonce.get();
  }

  public DidKey did() {
    return account.did();
  }

  /** Signs {@code op} as transaction number {@code nonce} of {@code account}. */
  public static Transaction sign(Identity account, long nonce, Operation op) {
    byte[] signed = Transaction.signingBytes(account.did(), nonce, op.type(), op.toArgs());
    return Transaction.signed(account.did(), nonce, op.type(), op.toArgs(), account.sign(signed));
  }
}
