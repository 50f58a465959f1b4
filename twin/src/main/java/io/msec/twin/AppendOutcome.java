package io.msec.twin;

/** What {@link ReadingStore#append} did with one reading. */
public enum AppendOutcome {
  /** The reading was new and is now durably stored. */
  STORED,
  /** The same device and sequence number was already stored with identical signed bytes. */
  DUPLICATE,
  /**
   * The device and sequence number was already stored with different signed bytes; nothing was
   * written for this reading and the stored one is kept.
   */
  CONFLICT
}
