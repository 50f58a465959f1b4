package io.msec.twin.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Explicit write transactions on a connection left in JDBC auto-commit mode. With auto-commit off,
 * the SQLite driver opens the next transaction as soon as one commits; with {@code BEGIN IMMEDIATE}
 * that would hold the write lock between appends and pin a read snapshot that keeps the write-ahead
 * log from being reset. Here a transaction exists only while an append runs.
 */
final class Transactions {
  private Transactions() {}

  /**
   * Takes the write lock now (waiting up to the busy timeout), so the transaction cannot fail to
   * upgrade.
   */
  static void begin(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
    }
  }

  static void commit(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("COMMIT");
    }
  }

  /** Rolls back if a transaction is open; a failure is added to {@code cause}. */
  static void rollback(Connection connection, Exception cause) {
    try (Statement st = connection.createStatement()) {
      st.execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite may already have rolled back on its own (for example on SQLITE_FULL).
      if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
        cause.addSuppressed(e);
      }
    }
  }
}
