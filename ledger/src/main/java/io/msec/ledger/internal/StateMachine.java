package io.msec.ledger.internal;

import io.msec.core.DidKey;
import io.msec.ledger.Account;
import io.msec.ledger.LedgerException;
import io.msec.ledger.MutableState;
import io.msec.ledger.Operation;
import io.msec.ledger.OperationKind;
import io.msec.ledger.OperationRegistry;
import io.msec.ledger.Transaction;
import io.msec.ledger.TxContext;

/**
 * The deterministic state machine: checks the nonce, dispatches the operation to its {@link
 * OperationKind} and keeps its writes only if it succeeds. It never checks signatures (done before,
 * in parallel) and reads nothing but the transaction, the block's height and time, and the state.
 */
public final class StateMachine {
  private final OperationRegistry operations;
  private final DidKey treasury;
  private final DidKey sequencer;

  public StateMachine(OperationRegistry operations, DidKey treasury, DidKey sequencer) {
    this.operations = operations;
    this.treasury = treasury;
    this.sequencer = sequencer;
  }

  /**
   * Applies {@code tx} to {@code state}: either all its writes land, or none and an exception says
   * why.
   *
   * @throws LedgerException with the rule's code
   */
  public void apply(Transaction tx, MutableState state, long height, long timeMillis) {
    OperationKind<?> kind =
        operations
            .find(tx.op())
            .orElseThrow(
                () ->
                    new LedgerException(
                        LedgerException.UNKNOWN_OPERATION, "no operation named " + tx.op()));
    Account account = state.get(Account.key(tx.account()), Account.class).orElse(Account.EMPTY);
    if (tx.nonce() != account.nonce() + 1) {
      throw new LedgerException(
          LedgerException.WRONG_NONCE,
          "account "
              + tx.account()
              + " expects nonce "
              + (account.nonce() + 1)
              + ", got "
              + tx.nonce());
    }

    Overlay writes = new Overlay(state);
    writes.put(Account.key(tx.account()), new Account(account.balance(), tx.nonce()));
    dispatch(kind, tx, new Context(tx, writes, height, timeMillis));

    writes.mergeInto(state);
  }

  private static <T extends Operation> void dispatch(
      OperationKind<T> kind, Transaction tx, TxContext ctx) {
    T op;
    try {
      op = kind.parse(tx.argsView());
    } catch (LedgerException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LedgerException(
          LedgerException.MALFORMED_TRANSACTION, tx.op() + " args: " + e.getMessage());
    }
    kind.apply(op, ctx);
  }

  /** Checks that {@code tx} names a known operation with well-formed arguments. */
  public void checkWellFormed(Transaction tx) {
    OperationKind<?> kind =
        operations
            .find(tx.op())
            .orElseThrow(
                () ->
                    new LedgerException(
                        LedgerException.UNKNOWN_OPERATION, "no operation named " + tx.op()));
    try {
      kind.parse(tx.argsView());
    } catch (LedgerException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LedgerException(
          LedgerException.MALFORMED_TRANSACTION, tx.op() + " args: " + e.getMessage());
    }
  }

  public DidKey treasury() {
    return treasury;
  }

  public DidKey sequencer() {
    return sequencer;
  }

  private final class Context implements TxContext {
    private final Transaction tx;
    private final MutableState state;
    private final long height;
    private final long time;

    Context(Transaction tx, MutableState state, long height, long time) {
      this.tx = tx;
      this.state = state;
      this.height = height;
      this.time = time;
    }

    @Override
    public DidKey signer() {
      return tx.account();
    }

    @Override
    public String txId() {
      return tx.idHex();
    }

    @Override
    public long height() {
      return height;
    }

    @Override
    public long timeMillis() {
      return time;
    }

    @Override
    public DidKey treasury() {
      return treasury;
    }

    @Override
    public DidKey sequencer() {
      return sequencer;
    }

    @Override
    public MutableState state() {
      return state;
    }
  }
}
