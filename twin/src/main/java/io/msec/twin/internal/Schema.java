package io.msec.twin.internal;

import io.msec.core.MsecException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned schema of the SQLite store. The version is SQLite's {@code user_version}; each
 * migration brings the file from version {@code i} to {@code i + 1} inside one transaction. A file
 * written by a newer M-Sec (higher version) is refused rather than guessed at.
 *
 * <p>Times are milliseconds since the epoch (UTC). Tables:
 *
 * <ul>
 *   <li>{@code reading}: one row per stored reading with its signed bytes and proof;
 *   <li>{@code series}: one row per property value, keyed for range scans by device, property and
 *       time;
 *   <li>{@code twin_property}: the latest value per device and property;
 *   <li>{@code device}: per device, the last sequence number, latest observation time, latest
 *       location, the number of readings and (from version 2) the sequence number, time and epoch
 *       of the latest sealed reading.
 * </ul>
 */
public final class Schema {
  private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

  private static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              """
              CREATE TABLE reading (
                device TEXT NOT NULL,
                seq INTEGER NOT NULL,
                observed_at INTEGER NOT NULL,
                received_at INTEGER NOT NULL,
                canonical BLOB NOT NULL,
                signature BLOB NOT NULL,
                batch_root BLOB,
                batch_index INTEGER NOT NULL,
                batch_size INTEGER NOT NULL,
                PRIMARY KEY (device, seq)
              ) WITHOUT ROWID""",
              """
              CREATE TABLE series (
                device TEXT NOT NULL,
                property TEXT NOT NULL,
                t INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                value REAL NOT NULL,
                PRIMARY KEY (device, property, t, seq)
              ) WITHOUT ROWID""",
              """
              CREATE TABLE twin_property (
                device TEXT NOT NULL,
                property TEXT NOT NULL,
                value REAL NOT NULL,
                unit TEXT NOT NULL,
                observed_at INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                PRIMARY KEY (device, property)
              ) WITHOUT ROWID""",
              """
              CREATE TABLE device (
                device TEXT PRIMARY KEY NOT NULL,
                last_seq INTEGER NOT NULL,
                last_observed_at INTEGER NOT NULL,
                readings INTEGER NOT NULL,
                lat REAL,
                lon REAL,
                location_at INTEGER,
                location_seq INTEGER
              ) WITHOUT ROWID"""),
          List.of(
              "ALTER TABLE device ADD COLUMN sealed_seq INTEGER",
              "ALTER TABLE device ADD COLUMN sealed_at INTEGER",
              "ALTER TABLE device ADD COLUMN sealed_epoch INTEGER"));

  private Schema() {}

  /** The version this code writes. */
  public static int current() {
    return MIGRATIONS.size();
  }

  /**
   * Brings the schema of {@code connection}'s database to {@link #current()}.
   *
   * @throws MsecException {@code store-version} if the file is newer than this code
   */
  public static void migrate(Connection connection) throws SQLException {
    int version = version(connection);
    if (version > current()) {
      throw new MsecException(
          "store-version",
          "store schema version " + version + " is newer than supported " + current());
    }
    for (int v = version; v < current(); v++) {
      apply(connection, v);
      LOG.info("migrated store schema from={} to={}", v, v + 1);
    }
  }

  private static void apply(Connection connection, int from) throws SQLException {
    Transactions.begin(connection);
    try (Statement st = connection.createStatement()) {
      // Re-read inside the write transaction, so that two processes opening a new file at once
      // do not both migrate it.
      if (version(connection) == from) {
        for (String sql : MIGRATIONS.get(from)) {
          st.executeUpdate(sql);
        }
        st.executeUpdate("PRAGMA user_version = " + (from + 1));
      }
      Transactions.commit(connection);
    } catch (SQLException | RuntimeException e) {
      Transactions.rollback(connection, e);
      throw e;
    }
  }

  private static int version(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
