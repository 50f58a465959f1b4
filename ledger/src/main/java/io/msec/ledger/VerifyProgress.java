package io.msec.ledger;

/** Told after each block {@link Ledger#verifyChain} checked. */
@FunctionalInterface
public interface VerifyProgress {
  VerifyProgress NONE = (done, total) -> {};

  /**
   * @param done blocks checked so far
   * @param total blocks stored (counted before checking began)
   */
  void onBlock(long done, long total);
}
