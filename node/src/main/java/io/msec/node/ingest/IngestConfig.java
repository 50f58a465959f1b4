package io.msec.node.ingest;

import java.time.Duration;

/**
 * Ingestion limits.
 *
 * @param maxPayloadBytes larger payloads are refused with {@code too-large}
 * @param maxClockSkew how far in the future (node clock) an observation may lie
 * @param maxGroup most readings written in one durable transaction
 */
public record IngestConfig(int maxPayloadBytes, Duration maxClockSkew, int maxGroup) {
  public static IngestConfig defaults() {
    return new IngestConfig(64 * 1024, Duration.ofMinutes(5), 2000);
  }
}
