package io.msec.ledger;

/**
 * What {@link Ledger#verifyChain} found.
 *
 * @param valid true if every stored block checks
 * @param blocks blocks that checked, genesis included
 * @param transactions transactions in those blocks
 * @param firstBadHeight the first block that failed, or -1
 * @param reason why it failed, or null
 * @param tornTailBytes bytes after the last intact record (cut at the next open), usually 0
 */
public record VerifyReport(
    boolean valid,
    long blocks,
    long transactions,
    long firstBadHeight,
    String reason,
    long tornTailBytes) {}
