package io.msec.twin;

import io.msec.core.DidKey;
import io.msec.core.IoFailures;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.twin.internal.Appender;
import io.msec.twin.internal.Checkpointer;
import io.msec.twin.internal.Millis;
import io.msec.twin.internal.ReadQueries;
import io.msec.twin.internal.ReaderPool;
import io.msec.twin.internal.Schema;
import io.msec.twin.internal.StoreErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The embedded {@link ReadingStore}: one SQLite file in WAL mode with {@code synchronous=FULL}, so
 * that a commit is on stable storage when {@link #append} returns. One writer connection, guarded
 * by a lock, does every write; a small pool of read-only connections serves queries concurrently.
 * Thread-safe.
 *
 * <pre>{@code
 * try (SqliteReadingStore store = SqliteReadingStore.open(Path.of(".msec/readings.db"))) {
 *   store.append(List.of(stored));
 * }
 * }</pre>
 */
public final class SqliteReadingStore implements ReadingStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteReadingStore.class);
  private static final int BUSY_TIMEOUT_MS = 10_000;
  private static final int READERS = 4;
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(200);
  // Pages (4 KiB) of log after which a commit checkpoints by itself; a safety bound only, the
  // checkpointer normally keeps the log far below it.
  private static final int AUTO_CHECKPOINT_PAGES = 8_000;

  private final Path file;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Connection writer;
  private final Appender appender;
  private final ReaderPool readers;
  private final Checkpointer checkpointer;
  private volatile boolean closed;

  private SqliteReadingStore(
      Path file,
      Connection writer,
      Appender appender,
      ReaderPool readers,
      Checkpointer checkpointer) {
    this.file = file;
    this.writer = writer;
    this.appender = appender;
    this.readers = readers;
    this.checkpointer = checkpointer;
  }

  /**
   * Opens the store in {@code file}, creating the file and its parent directories if needed and
   * migrating its schema to the current version.
   *
   * @throws io.msec.core.MsecException {@code store-io} if the file cannot be opened, {@code
   *     store-version} if it was written by a newer version
   */
  public static SqliteReadingStore open(Path file) {
    Path path = file.toAbsolutePath();
    Connection writer = null;
    try {
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      writer = connect(path, false);
      Schema.migrate(writer);
      try (Statement st = writer.createStatement()) {
        st.execute("PRAGMA wal_autocheckpoint = " + AUTO_CHECKPOINT_PAGES);
      }
      Appender appender = new Appender(writer);
      Connection checkpoints = connect(path, false);
      SqliteReadingStore store =
          new SqliteReadingStore(
              path,
              writer,
              appender,
              new ReaderPool(() -> connect(path, true), READERS),
              new Checkpointer(checkpoints, CHECKPOINT_INTERVAL, path.getFileName().toString()));
      return logOpened(store);
    } catch (SQLException e) {
      closeQuietly(writer);
      throw StoreErrors.io("opening " + path, e);
    } catch (IOException e) {
      throw new MsecException(
          "store-io", "cannot create the directory of " + path + ": " + IoFailures.describe(e), e);
    } catch (RuntimeException e) {
      closeQuietly(writer);
      throw e;
    }
  }

  private static SqliteReadingStore logOpened(SqliteReadingStore store) {
    try {
      LOG.info(
          "opened store file={} schema={} readings={}",
          store.file,
          Schema.current(),
          store.count());
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static Connection connect(Path path, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    Connection connection = config.createConnection("jdbc:sqlite:" + path);
    if (readOnly) {
      try (Statement st = connection.createStatement()) {
        st.execute("PRAGMA query_only = true");
      }
    }
    return connection;
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public List<AppendOutcome> append(List<StoredReading> readings) {
    List<StoredReading> list = List.copyOf(readings);
    List<Reading> decoded = Appender.decode(list);
    if (list.isEmpty()) {
      return List.of();
    }
    writeLock.lock();
    try {
      ensureOpen();
      List<AppendOutcome> outcomes = appender.append(list, decoded);
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "appended readings={} stored={}",
            list.size(),
            outcomes.stream().filter(o -> o == AppendOutcome.STORED).count());
      }
      return outcomes;
    } catch (SQLException e) {
      throw StoreErrors.io("appending " + list.size() + " readings", e);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public long lastSeq(DidKey device) {
    Objects.requireNonNull(device, "device");
    return read("reading the last sequence", c -> ReadQueries.deviceLong(c, device, "last_seq", 0));
  }

  @Override
  public Optional<Instant> lastObservedAt(DidKey device) {
    Objects.requireNonNull(device, "device");
    long ms =
        read(
            "reading the last observation time",
            c -> ReadQueries.deviceLong(c, device, "last_observed_at", Long.MIN_VALUE));
    return ms == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
  }

  @Override
  public Optional<StoredReading> get(DidKey device, long seq) {
    Objects.requireNonNull(device, "device");
    return read("reading a stored reading", c -> ReadQueries.get(c, device, seq));
  }

  @Override
  public List<byte[]> signedBytes(DidKey device, long fromSeq, long toSeq) {
    Objects.requireNonNull(device, "device");
    return read("reading signed bytes", c -> ReadQueries.signedBytes(c, device, fromSeq, toSeq));
  }

  @Override
  public long count() {
    return read("counting readings", ReadQueries::count);
  }

  @Override
  public long count(DidKey device) {
    Objects.requireNonNull(device, "device");
    return read("counting readings", c -> ReadQueries.deviceLong(c, device, "readings", 0));
  }

  @Override
  public List<SeriesPoint> series(
      DidKey device, String property, Instant from, Instant to, int limit) {
    requireQuery(device, property, from, to);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return read(
        "reading a series",
        c -> ReadQueries.series(c, device, property, Millis.of(from), Millis.of(to), limit));
  }

  @Override
  public List<SeriesBucket> buckets(
      DidKey device, String property, Instant from, Instant to, Duration width) {
    requireQuery(device, property, from, to);
    long widthMs = Millis.of(Objects.requireNonNull(width, "width"));
    if (widthMs < 1) {
      throw new IllegalArgumentException("bucket width must be at least 1 ms, was " + width);
    }
    long fromMs = Millis.of(from);
    if (fromMs == Long.MIN_VALUE || fromMs == Long.MAX_VALUE) {
      throw new IllegalArgumentException("bucket start out of range: " + from);
    }
    long toMs = Millis.of(to);
    if (toMs <= fromMs) {
      return List.of();
    }
    return read(
        "reading series buckets",
        c -> ReadQueries.buckets(c, device, property, fromMs, toMs, widthMs));
  }

  @Override
  public Optional<Twin> twin(DidKey device) {
    Objects.requireNonNull(device, "device");
    return read("reading a twin", c -> ReadQueries.twins(c, device)).stream().findFirst();
  }

  @Override
  public List<Twin> twins() {
    return read("reading twins", c -> ReadQueries.twins(c, null));
  }

  @Override
  public Duration timeAbove(DidKey device, String property, double threshold, Duration maxGap) {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(property, "property");
    if (maxGap.isNegative()) {
      throw new IllegalArgumentException("maxGap must not be negative, was " + maxGap);
    }
    long ms =
        read(
            "computing time above a threshold",
            c -> ReadQueries.timeAbove(c, device, property, threshold, Millis.of(maxGap)));
    return Duration.ofMillis(ms);
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      checkpointer.close();
      appender.close();
      readers.close();
      writer.close();
      LOG.info("closed store file={}", file);
    } catch (SQLException e) {
      throw StoreErrors.io("closing " + file, e);
    } finally {
      writeLock.unlock();
    }
  }

  private <T> T read(String doing, ReaderPool.Work<T> work) {
    ensureOpen();
    try {
      return readers.with(work);
    } catch (SQLException e) {
      throw StoreErrors.io(doing, e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw StoreErrors.closed();
    }
  }

  private static void requireQuery(DidKey device, String property, Instant from, Instant to) {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.warn("failed to close connection after open failure reason={}", e.getMessage());
      }
    }
  }
}
