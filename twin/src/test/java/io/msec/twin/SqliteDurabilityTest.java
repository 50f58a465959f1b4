package io.msec.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL and checks that every append it had seen return is in the
 * file, and that no append is half there. This covers a crash of the node, not a power loss, which
 * rests on SQLite's WAL with synchronous=FULL.
 */
class SqliteDurabilityTest {
  private static final int LIST_SIZE = 50;
  private static final int ACKNOWLEDGED_LISTS = 15;

  @TempDir Path dir;

  @Test
  void keepsEveryAcknowledgedAppendWhenTheWriterIsKilled() throws Exception {
    Path file = dir.resolve("crash.db");
    long acknowledged = 0;
    for (int round = 0; round < 2; round++) {
      long reported = runAndKill(file);
      assertThat(reported).isGreaterThan(acknowledged);
      acknowledged = reported;

      try (ReadingStore store = SqliteReadingStore.open(file)) {
        long count = store.count();
        assertThat(count).isGreaterThanOrEqualTo(acknowledged);
        assertThat(count % LIST_SIZE).as("whole lists only").isZero();
        assertThat(store.lastSeq(CrashWriter.DEVICE.did())).isEqualTo(count);
        for (long seq = 1; seq <= acknowledged; seq++) {
          assertThat(store.get(CrashWriter.DEVICE.did(), seq))
              .as("reading %d", seq)
              .contains(CrashWriter.reading(seq));
        }
        assertThat(
                store.series(
                    CrashWriter.DEVICE.did(),
                    "co2",
                    Readings.T0.minusSeconds(1),
                    Readings.T0.plusSeconds(count + 1),
                    Integer.MAX_VALUE))
            .hasSize((int) count);
      }
    }
  }

  /** Starts a writer, kills it once it reported enough appends, returns the last seq reported. */
  private static long runAndKill(Path file) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process writer =
        new ProcessBuilder(
                java,
                // A short-lived writer: start fast rather than optimise.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                file.toString(),
                Integer.toString(LIST_SIZE))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long last = 0;
    int lists = 0;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (lists < ACKNOWLEDGED_LISTS && (line = out.readLine()) != null) {
        if (line.startsWith("appended ")) {
          last = Long.parseLong(line.substring("appended ".length()));
          lists++;
        }
      }
      // Killed while appending the next list; lines still in the pipe are lost with the pipe.
      writer.destroyForcibly();
    } finally {
      writer.destroyForcibly();
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(lists).as("appends reported before the kill").isEqualTo(ACKNOWLEDGED_LISTS);
    return last;
  }
}
