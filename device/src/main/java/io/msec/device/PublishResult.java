package io.msec.device;

/**
 * What the node answered to one published message: a single reading or a batch of readings with the
 * sequence numbers {@code firstSeq..lastSeq}. Immutable.
 *
 * @param firstSeq the sequence number of the first reading in the message
 * @param lastSeq the sequence number of the last reading in the message
 * @param readings how many readings the message held
 * @param reasonCode the MQTT 5 PUBACK reason code ({@code 0x00} accepted, including an exact
 *     duplicate; {@code 0x80} and above refused)
 * @param code {@code accepted}, or the node's reject code (for example {@code bad-signature})
 */
public record PublishResult(
    long firstSeq, long lastSeq, int readings, int reasonCode, String code) {
  /** The code of an accepted message. */
  public static final String ACCEPTED = "accepted";

  /** True if the node stored the readings (or already had exactly them). */
  public boolean accepted() {
    return reasonCode < 0x80;
  }
}
