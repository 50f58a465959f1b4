package io.msec.twin;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.BatchEnvelope;
import io.msec.core.CanonicalJson;
import io.msec.core.Envelope;
import io.msec.core.Reading;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An accepted reading with what is needed to prove it later: the exact bytes the device signed (the
 * RFC 8785 canonical JSON of the reading), the envelope's signature and, if the reading came in a
 * signed batch, the batch's Merkle root with the reading's index in it and the batch size.
 *
 * <p>A sealed reading ({@link Reading#isSealed()}) is kept the same way: its signed bytes hold the
 * ciphertext, which the store neither reads nor changes.
 *
 * <p>Immutable: the byte arrays are copied in and out. Equality compares array contents.
 *
 * <pre>{@code
 * StoredReading one = StoredReading.of(envelope, receivedAt);          // envelope verified
 * List<StoredReading> many = StoredReading.of(batchEnvelope, receivedAt);
 * }</pre>
 *
 * @param reading the reading decoded from the device's JSON; {@code canonical} are its signed bytes
 * @param canonical the signed payload bytes, never null or empty
 * @param signature the envelope's signature (over {@code canonical}, or over {@code batchRoot})
 * @param receivedAt when the node received it, kept at millisecond resolution
 * @param batchRoot the Merkle root of the signed batch, or null if the reading was signed alone
 * @param batchIndex the reading's leaf index in the batch, 0 when not in a batch
 * @param batchSize the number of readings in the batch, 0 when not in a batch
 */
public record StoredReading(
    Reading reading,
    byte[] canonical,
    byte[] signature,
    Instant receivedAt,
    byte[] batchRoot,
    int batchIndex,
    int batchSize) {

  public StoredReading {
    Objects.requireNonNull(reading, "reading");
    receivedAt = Objects.requireNonNull(receivedAt, "receivedAt").truncatedTo(ChronoUnit.MILLIS);
    if (canonical == null || canonical.length == 0) {
      throw new IllegalArgumentException("canonical bytes are required");
    }
    canonical = canonical.clone();
    signature = Objects.requireNonNull(signature, "signature").clone();
    if (batchRoot == null) {
      if (batchIndex != 0 || batchSize != 0) {
        throw new IllegalArgumentException("batch index and size are 0 without a batch root");
      }
    } else {
      batchRoot = batchRoot.clone();
      if (batchSize < 1 || batchIndex < 0 || batchIndex >= batchSize) {
        throw new IllegalArgumentException(
            "batch index " + batchIndex + " outside a batch of " + batchSize);
      }
    }
  }

  /** A reading that was signed on its own. */
  public static StoredReading single(
      Reading reading, byte[] canonical, byte[] signature, Instant receivedAt) {
    return new StoredReading(reading, canonical, signature, receivedAt, null, 0, 0);
  }

  /** A reading that was signed as member {@code index} of a batch of {@code size}. */
  public static StoredReading inBatch(
      Reading reading,
      byte[] canonical,
      byte[] signature,
      Instant receivedAt,
      byte[] batchRoot,
      int index,
      int size) {
    Objects.requireNonNull(batchRoot, "batchRoot");
    return new StoredReading(reading, canonical, signature, receivedAt, batchRoot, index, size);
  }

  /** A copy of the signed payload bytes. */
  @Override
  public byte[] canonical() {
    return canonical.clone();
  }

  /** A copy of the signature. */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** A copy of the batch's Merkle root, or null if the reading was not signed in a batch. */
  @Override
  public byte[] batchRoot() {
    return batchRoot == null ? null : batchRoot.clone();
  }

  /**
   * The reading of a verified single-reading envelope.
   *
   * @throws io.msec.core.MsecException {@code malformed-reading} if the payload is not a reading
   */
  public static StoredReading of(Envelope envelope, Instant receivedAt) {
    return single(
        Reading.fromJson(envelope.payload()),
        envelope.canonicalPayload(),
        envelope.signature(),
        receivedAt);
  }

  /**
   * The readings of a verified batch envelope, in batch order, each with the batch's root, its
   * index and the batch size.
   *
   * @throws io.msec.core.MsecException {@code malformed-reading} if a payload is not a reading
   */
  public static List<StoredReading> of(BatchEnvelope batch, Instant receivedAt) {
    List<JsonNode> payloads = batch.payloads();
    byte[] root = batch.root();
    byte[] signature = batch.signature();
    List<StoredReading> out = new ArrayList<>(payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      JsonNode payload = payloads.get(i);
      out.add(
          inBatch(
              Reading.fromJson(payload),
              CanonicalJson.bytes(payload),
              signature,
              receivedAt,
              root,
              i,
              payloads.size()));
    }
    return out;
  }

  /** True if the signed payload bytes equal {@code other} (no copy is made). */
  public boolean sameCanonical(byte[] other) {
    return Arrays.equals(canonical, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredReading s
        && reading.equals(s.reading)
        && Arrays.equals(canonical, s.canonical)
        && Arrays.equals(signature, s.signature)
        && receivedAt.equals(s.receivedAt)
        && Arrays.equals(batchRoot, s.batchRoot)
        && batchIndex == s.batchIndex
        && batchSize == s.batchSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(reading, Arrays.hashCode(canonical), receivedAt, batchIndex);
  }

  @Override
  public String toString() {
    return "StoredReading[device="
        + reading.device()
        + ", seq="
        + reading.seq()
        + ", receivedAt="
        + receivedAt
        + (batchRoot == null
            ? ""
            : ", batchRoot=" + HexFormat.of().formatHex(batchRoot) + ", index=" + batchIndex)
        + "]";
  }
}
