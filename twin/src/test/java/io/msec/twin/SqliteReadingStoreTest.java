package io.msec.twin;

import static io.msec.twin.Readings.signedCo2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.MsecException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteReadingStoreTest extends ReadingStoreContract {
  @TempDir Path dir;
  // jqwik properties do not get JUnit's @TempDir, so they use a directory of their own.
  private Path scratch;
  private int files;

  @Override
  protected ReadingStore createStore() {
    return SqliteReadingStore.open(base().resolve("store-" + files++ + ".db"));
  }

  private Path base() {
    if (dir != null) {
      return dir;
    }
    try {
      if (scratch == null) {
        scratch = Files.createTempDirectory("msec-twin-model");
      }
      return scratch;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterProperty
  void deleteScratch() throws IOException {
    if (scratch != null) {
      try (Stream<Path> paths = Files.walk(scratch)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Test
  void keepsEverythingAcrossReopen() {
    Path file = dir.resolve("nested/dir/readings.db");
    StoredReading first = signedCo2(A, 1, 0, 400);
    try (ReadingStore store = SqliteReadingStore.open(file)) {
      store.append(List.of(first, signedCo2(A, 2, 1, 410)));
    }

    try (ReadingStore store = SqliteReadingStore.open(file)) {
      assertThat(store.count()).isEqualTo(2);
      assertThat(store.get(A.did(), 1)).contains(first);
      assertThat(store.append(List.of(first))).containsExactly(AppendOutcome.DUPLICATE);
    }
  }

  @Test
  void usesWriteAheadLoggingAndRecordsTheSchemaVersion() throws Exception {
    Path file = dir.resolve("modes.db");
    SqliteReadingStore.open(file).close();

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      assertThat(single(st, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(single(st, "PRAGMA user_version")).isEqualTo("2");
    }
  }

  @Test
  void refusesAFileWrittenByANewerVersion() throws Exception {
    Path file = dir.resolve("future.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.executeUpdate("PRAGMA user_version = 99");
    }

    assertThatThrownBy(() -> SqliteReadingStore.open(file))
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("store-version");
  }

  @Test
  void reportsAFileThatIsNotADatabaseAsStoreIo() throws Exception {
    Path file = dir.resolve("garbage.db");
    Files.writeString(file, "this is not a database, just some text ".repeat(50));

    assertThatThrownBy(() -> SqliteReadingStore.open(file))
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("store-io");
  }

  @Test
  void releasesTheWriteLockBetweenAppends() throws Exception {
    Path file = dir.resolve("lock.db");
    try (ReadingStore store = SqliteReadingStore.open(file)) {
      store.append(List.of(signedCo2(A, 1, 0, 400)));

      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement st = other.createStatement()) {
        st.execute("PRAGMA busy_timeout = 0");
        st.execute("BEGIN IMMEDIATE");
        st.execute("ROLLBACK");
      }
      assertThat(store.append(List.of(signedCo2(A, 2, 1, 410))))
          .containsExactly(AppendOutcome.STORED);
    }
  }

  @Test
  void writesNothingOfAListWhenTheDatabaseFailsHalfWayAndStaysUsable() throws Exception {
    Path file = dir.resolve("failing.db");
    SqliteReadingStore.open(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TRIGGER refuse BEFORE INSERT ON series WHEN NEW.value = 666"
              + " BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
    }

    try (ReadingStore store = SqliteReadingStore.open(file)) {
      assertThatThrownBy(
              () -> store.append(List.of(signedCo2(A, 1, 0, 400), signedCo2(A, 2, 1, 666))))
          .isInstanceOf(MsecException.class)
          .extracting(e -> ((MsecException) e).code())
          .isEqualTo("store-io");

      assertThat(store.count()).isZero();
      assertThat(store.get(A.did(), 1)).isEmpty();
      assertThat(store.twin(A.did())).isEmpty();
      assertThat(store.append(List.of(signedCo2(A, 1, 0, 400))))
          .containsExactly(AppendOutcome.STORED);
      assertThat(store.count()).isEqualTo(1);
    }
  }

  @Test
  void upgradesAVersionOneFileKeepingItsReadingsAndThenStoresSealedOnes() throws Exception {
    Path file = dir.resolve("v1.db");
    StoredReading first = signedCo2(A, 1, 0, 400);
    try (ReadingStore store = SqliteReadingStore.open(file)) {
      store.append(List.of(first));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      for (String column : List.of("sealed_seq", "sealed_at", "sealed_epoch")) {
        st.executeUpdate("ALTER TABLE device DROP COLUMN " + column);
      }
      st.executeUpdate("PRAGMA user_version = 1");
    }

    try (ReadingStore store = SqliteReadingStore.open(file)) {
      assertThat(store.get(A.did(), 1)).contains(first);
      assertThat(store.twin(A.did()).orElseThrow().latestSealed()).isNull();
      store.append(List.of(SealedReadingContract.sealedCo2(A, 2, 1, 500, 4)));

      Twin twin = store.twin(A.did()).orElseThrow();
      assertThat(twin.latestSealed())
          .isEqualTo(new Twin.SealedReading(2, Readings.T0.plusSeconds(60), 4));
      assertThat(twin.properties().get("co2").value()).isEqualTo(400);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      assertThat(single(st, "PRAGMA user_version")).isEqualTo("2");
    }
  }

  private static String single(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
