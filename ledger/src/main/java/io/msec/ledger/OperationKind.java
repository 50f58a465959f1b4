package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One kind of operation: how its arguments are read and how it changes the state. This is the
 * ledger's extension point: offers, licenses, escrow or ratings are new kinds registered in an
 * {@link OperationRegistry}, each keeping its entries under its own key prefix, without any change
 * to the state machine.
 *
 * <p>{@link #apply} must be deterministic: it may read only the {@link TxContext} and the state,
 * and refuses by throwing {@link LedgerException}. A refused operation leaves no trace: the state
 * machine discards whatever it wrote.
 *
 * @param <T> the typed arguments
 */
public interface OperationKind<T extends Operation> {
  /** The name in a transaction's {@code op} member. */
  String type();

  /**
   * Reads the arguments strictly.
   *
   * @throws LedgerException {@code malformed-transaction}
   */
  T parse(JsonNode args);

  /**
   * Checks the rules and writes the changes.
   *
   * @throws LedgerException with a stable code if the rules refuse the operation
   */
  void apply(T op, TxContext context);
}
