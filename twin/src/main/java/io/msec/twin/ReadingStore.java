package io.msec.twin;

import io.msec.core.DidKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: durable store of accepted readings, the twin of each device and the series of each
 * property. The node appends on its ingestion path and acknowledges a reading only after {@link
 * #append} returned.
 *
 * <pre>{@code
 * try (ReadingStore store = SqliteReadingStore.open(Path.of("twins.db"))) {
 *   List<AppendOutcome> outcomes = store.append(List.of(stored));
 *   long next = store.lastSeq(device) + 1;
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe. Times in series, buckets and twins have millisecond
 * resolution; the exact reading is always available from {@link #get}. Time ranges are half-open,
 * {@code [from, to)}. Every method throws {@link io.msec.core.MsecException} with code {@code
 * store-io} if the storage fails and {@code store-closed} after {@link #close()}. Arguments are
 * never null.
 */
public interface ReadingStore extends AutoCloseable {

  /**
   * Durably writes the new readings among {@code readings} in one transaction, with their series
   * points and twin updates, and returns one outcome per reading in the same order. When this
   * returns, the write has reached stable storage; when it throws, nothing was written.
   *
   * <p>A reading whose device and sequence number is already stored (or earlier in the same list)
   * is {@link AppendOutcome#DUPLICATE} if its signed bytes are identical, else {@link
   * AppendOutcome#CONFLICT}; neither is written, and the first stored proof is kept.
   *
   * <p>A sealed reading ({@link io.msec.core.Reading#isSealed()}) is stored and counted like any
   * other, with its signed bytes as given; it adds no series point and no twin property, and
   * becomes the twin's {@link Twin#latestSealed()} if it is the device's newest sealed reading.
   *
   * <p>The signed bytes are authoritative: series, twins and {@link #get} use the reading they
   * hold, which differs from {@link StoredReading#reading()} only where RFC 8785 normalises a value
   * (it signs {@code -0} as {@code 0}).
   *
   * @throws io.msec.core.MsecException {@code store-invalid-reading} if a reading's signed bytes
   *     are not a reading of the same device and sequence number, or its time is beyond the store's
   *     millisecond range; nothing is written then
   */
  List<AppendOutcome> append(List<StoredReading> readings);

  /** The highest stored sequence number of {@code device}, 0 if none. */
  long lastSeq(DidKey device);

  /** The latest observation time among the device's stored readings, empty if none. */
  Optional<Instant> lastObservedAt(DidKey device);

  /** The stored reading with its proof, empty if none. */
  Optional<StoredReading> get(DidKey device, long seq);

  /** The number of stored readings of all devices. */
  /**
   * The exact signed bytes (RFC 8785 JSON of each reading) of {@code device}'s stored readings with
   * {@code fromSeq <= seq <= toSeq}, in sequence order: what anchors and proofs are built on.
   */
  List<byte[]> signedBytes(DidKey device, long fromSeq, long toSeq);

  long count();

  /** The number of stored readings of {@code device}. */
  long count(DidKey device);

  /**
   * The raw values of {@code property} observed in {@code [from, to)}, in time order (then sequence
   * order), at most {@code limit} of them, the earliest first.
   *
   * @param limit at least 1
   */
  List<SeriesPoint> series(DidKey device, String property, Instant from, Instant to, int limit);

  /**
   * Minimum, maximum, mean and count of {@code property} per bucket of {@code width}, buckets
   * aligned on {@code from} and covering {@code [from, to)}, in time order; empty buckets are
   * omitted.
   *
   * @param width at least one millisecond
   */
  List<SeriesBucket> buckets(
      DidKey device, String property, Instant from, Instant to, Duration width);

  /** The device's twin, empty if it has no stored reading. */
  Optional<Twin> twin(DidKey device);

  /** The twins of all devices with a stored reading, ordered by device identifier. */
  List<Twin> twins();

  /**
   * How long {@code property} was strictly above {@code threshold}, over the whole series: each
   * value counts from its time until the next value's time, at most {@code maxGap} (a gap in the
   * data is not assumed to be above). The last value has no successor and counts nothing.
   *
   * @param maxGap not negative
   */
  Duration timeAbove(DidKey device, String property, double threshold, Duration maxGap);

  /** Releases the store's connections. Idempotent. */
  @Override
  void close();
}
