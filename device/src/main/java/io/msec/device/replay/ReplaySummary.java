package io.msec.device.replay;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay did. Immutable.
 *
 * @param dataset the dataset's name
 * @param devices devices in the dataset (all registered)
 * @param rowsRead data rows read from the files
 * @param alreadyStored readings skipped because the node had them (at or below its lastSeq)
 * @param readingsSent readings published in this run
 * @param acknowledged readings the node accepted (stored, or exact duplicates of stored ones)
 * @param refused readings the node refused, by reject code
 * @param unanswered readings without an answer when the run ended (node down past the timeout)
 * @param skipped values and rows left out while reading the files, by reason
 * @param resends messages sent again after a lost connection
 * @param elapsed wall time of the run
 */
public record ReplaySummary(
    String dataset,
    int devices,
    long rowsRead,
    long alreadyStored,
    long readingsSent,
    long acknowledged,
    Map<String, Long> refused,
    long unanswered,
    Map<String, Long> skipped,
    long resends,
    Duration elapsed) {
  public ReplaySummary {
    refused = Map.copyOf(refused);
    skipped = Map.copyOf(skipped);
  }

  /** All refused readings. */
  public long refusedCount() {
    return refused.values().stream().mapToLong(Long::longValue).sum();
  }

  /** True if every reading sent was acknowledged. */
  public boolean complete() {
    return acknowledged == readingsSent;
  }

  /** A few lines a person reads at the end of a replay. */
  public String describe() {
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    return String.format(
        java.util.Locale.ROOT,
        "dataset %s: %d devices, %d rows read, %d already stored%n"
            + "sent %d readings, acknowledged %d, refused %d %s, unanswered %d%n"
            + "skipped while reading: %s; resends %d; %.1f s (%.0f readings/s)",
        dataset,
        devices,
        rowsRead,
        alreadyStored,
        readingsSent,
        acknowledged,
        refusedCount(),
        new TreeMap<>(refused),
        unanswered,
        skipped.isEmpty() ? "none" : new TreeMap<>(skipped),
        resends,
        seconds,
        acknowledged / seconds);
  }
}
