package io.msec.ledger;

/** The state as an {@link OperationKind} sees it while applying: readable and writable. */
public interface MutableState extends StateView {
  /** Sets {@code key} to {@code value}. Entries are never deleted, only replaced. */
  void put(String key, StateEntry value);
}
