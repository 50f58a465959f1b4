package io.msec.ledger;

import io.msec.core.DidKey;

/**
 * What an {@link OperationKind} may see while applying one transaction: who signed it, where it
 * lands, the genesis parameters and the state it may change.
 */
public interface TxContext {
  /** The account that signed the transaction (its signature and nonce are already checked). */
  DidKey signer();

  /** The transaction id in lowercase hex. */
  String txId();

  /** Height of the block being built. */
  long height();

  /** Time of the block being built, in milliseconds since the epoch. */
  long timeMillis();

  /** The only account allowed to mint, named at genesis. */
  DidKey treasury();

  /** The sequencer's key, named at genesis. */
  DidKey sequencer();

  MutableState state();
}
