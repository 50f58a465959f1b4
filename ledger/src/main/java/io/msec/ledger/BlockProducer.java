package io.msec.ledger;

import java.util.List;

/**
 * The ledger side that a {@link Sequencer} drives: it takes transactions in the order the sequencer
 * chose, verifies their signatures, applies them, and seals those accepted into one signed block
 * that is durable when this method returns.
 */
public interface BlockProducer {
  /** What became of one transaction: a receipt, or the refusal. */
  record Outcome(Transaction transaction, Receipt receipt, LedgerException error) {
    public boolean committed() {
      return receipt != null;
    }
  }

  /**
   * Produces at most one block from {@code ordered}; transactions already committed get their first
   * receipt back. Returns one outcome per input, in input order.
   *
   * @throws LedgerException {@code unavailable} or {@code io} if the ledger can no longer write;
   *     then nothing in {@code ordered} was committed
   */
  List<Outcome> produce(List<Transaction> ordered);
}
