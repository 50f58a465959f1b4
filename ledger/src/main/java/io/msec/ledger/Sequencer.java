package io.msec.ledger;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The port that orders transactions into blocks. The embedded implementation is one in-process
 * sequencer cutting a block every {@link LedgerConfig#blockIntervalMillis()} or {@link
 * LedgerConfig#maxBlockTransactions()}; a multi-node deployment replaces it with an ordering
 * service (a Kafka topic, an EVM chain) whose implementations must pass the same contract test.
 *
 * <p>Contract: transactions of one account are handed to the producer in submission order; a
 * receipt completes only once its block is durable and readable through the ledger; resubmitting a
 * pending or committed transaction yields the same receipt; a refusal completes the future
 * exceptionally with a {@link LedgerException}.
 */
public interface Sequencer extends AutoCloseable {
  /** Makes the sequencer of a ledger over its block producer. */
  @FunctionalInterface
  interface Factory {
    Sequencer start(BlockProducer producer, Clock clock, LedgerConfig config);
  }

  /** Queues {@code tx}; the future completes after its block is durable, or with the refusal. */
  CompletableFuture<Receipt> submit(Transaction tx);

  /** Commits what is pending, then stops; later submissions fail with {@code unavailable}. */
  @Override
  void close();
}
