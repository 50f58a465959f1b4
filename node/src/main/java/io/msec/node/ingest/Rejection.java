package io.msec.node.ingest;

/**
 * Why one reading (or a whole payload, when {@code seq} is 0) was refused.
 *
 * @param seq the reading's sequence number, or 0 if the payload could not be read that far
 * @param code the stable reject code (docs/protocol.md)
 * @param reason a sentence for the device's owner
 */
public record Rejection(long seq, String code, String reason) {}
