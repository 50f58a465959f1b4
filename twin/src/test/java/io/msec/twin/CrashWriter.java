package io.msec.twin;

import io.msec.core.Identity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Appends lists of readings to a store for ever and prints {@code appended <lastSeq>} after each
 * append returned, for {@link SqliteDurabilityTest} to kill it. Usage: {@code CrashWriter <file>
 * <listSize>}.
 */
public final class CrashWriter {
  static final Identity DEVICE = Readings.device(42);

  private CrashWriter() {}

  /** The reading with sequence number {@code seq}, the same in the writer and the checker. */
  static StoredReading reading(long seq) {
    Map<String, Double> values = Map.of("co2", 400.0 + seq % 1000, "temperature", 20.0 + seq % 7);
    return Readings.signed(
        DEVICE, Readings.reading(DEVICE, seq, Readings.T0.plusSeconds(seq), values, null));
  }

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int listSize = Integer.parseInt(args[1]);
    try (SqliteReadingStore store = SqliteReadingStore.open(file)) {
      long seq = store.lastSeq(DEVICE.did());
      while (true) {
        List<StoredReading> list = new ArrayList<>(listSize);
        for (int i = 0; i < listSize; i++) {
          list.add(reading(++seq));
        }
        store.append(list);
        System.out.println("appended " + seq);
        System.out.flush();
      }
    }
  }
}
