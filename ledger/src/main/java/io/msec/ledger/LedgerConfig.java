package io.msec.ledger;

/**
 * How the embedded sequencer cuts blocks and verifies signatures. Immutable.
 *
 * @param blockIntervalMillis a non-empty block is cut at the latest this long after its first
 *     transaction arrived (on the ledger's clock)
 * @param maxBlockTransactions a block is cut as soon as this many transactions are pending
 * @param verifyThreads threads that verify signatures of a batch in parallel
 */
public record LedgerConfig(long blockIntervalMillis, int maxBlockTransactions, int verifyThreads) {
  /**
   * Most transactions in a block: with {@link Transaction#MAX_BYTES} each, a block stays well
   * inside one log record.
   */
  public static final int MAX_BLOCK_TRANSACTIONS = 4096;

  public LedgerConfig {
    if (blockIntervalMillis < 1 || maxBlockTransactions < 1 || verifyThreads < 1) {
      throw new IllegalArgumentException(
          "block interval, block size and verify threads must be positive");
    }
    if (maxBlockTransactions > MAX_BLOCK_TRANSACTIONS) {
      throw new IllegalArgumentException(
          "a block holds at most " + MAX_BLOCK_TRANSACTIONS + " transactions");
    }
  }

  /** 200 ms or 2000 transactions, one verify thread per available processor. */
  public static LedgerConfig defaults() {
    return new LedgerConfig(200, 2000, Runtime.getRuntime().availableProcessors());
  }

  public LedgerConfig withBlockInterval(long millis) {
    return new LedgerConfig(millis, maxBlockTransactions, verifyThreads);
  }

  public LedgerConfig withMaxBlockTransactions(int count) {
    return new LedgerConfig(blockIntervalMillis, count, verifyThreads);
  }

  public LedgerConfig withVerifyThreads(int threads) {
    return new LedgerConfig(blockIntervalMillis, maxBlockTransactions, threads);
  }
}
