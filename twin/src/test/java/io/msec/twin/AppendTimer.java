package io.msec.twin;

import io.msec.core.Identity;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Times {@link SqliteReadingStore#append} of lists of readings on a fresh file; prints figures,
 * asserts nothing. Usage: {@code AppendTimer [listSize] [lists] [dir]}.
 */
public final class AppendTimer {
  private AppendTimer() {}

  public static void main(String[] args) throws Exception {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int lists = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("append-timer");
    Path file = dir.resolve("timer-" + System.nanoTime() + ".db");
    Identity[] devices = {Readings.device(1), Readings.device(2), Readings.device(3)};

    List<List<StoredReading>> prepared = new ArrayList<>();
    long seq = 0;
    for (int l = 0; l < lists; l++) {
      List<StoredReading> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        Identity device = devices[i % devices.length];
        seq++;
        Map<String, Double> values =
            Map.of("co2", 400.0 + seq % 700, "temperature", 20.0 + seq % 5, "humidity", 40.0);
        list.add(
            Readings.signed(
                device, Readings.reading(device, seq, Readings.T0.plusSeconds(seq), values, null)));
      }
      prepared.add(list);
    }

    long[] wall = new long[lists];
    long[] cpu = new long[lists];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (SqliteReadingStore store = SqliteReadingStore.open(file)) {
      for (int l = 0; l < lists; l++) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        store.append(prepared.get(l));
        wall[l] = System.nanoTime() - start;
        cpu[l] = threads.getCurrentThreadCpuTime() - cpuStart;
      }
      System.out.printf("file=%s readings=%d%n", file, store.count());
    } finally {
      Files.deleteIfExists(file);
    }
    System.out.printf(
        "append of %d readings (3 properties each), %d lists after 5 warm-up lists, load %.1f:%n",
        size, lists - 5, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    print("wall", wall);
    print("cpu of the appending thread", cpu);
  }

  private static void print(String what, long[] nanos) {
    long[] warm = Arrays.copyOfRange(nanos, Math.min(5, nanos.length - 1), nanos.length);
    Arrays.sort(warm);
    System.out.printf(
        "  %s: median=%.1f ms p90=%.1f ms max=%.1f ms (first list %.1f ms)%n",
        what,
        warm[warm.length / 2] / 1e6,
        warm[(int) (warm.length * 0.9)] / 1e6,
        warm[warm.length - 1] / 1e6,
        nanos[0] / 1e6);
  }
}
