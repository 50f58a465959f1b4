package io.msec.node.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MsecException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands twins received, kept durably in {@code commands.db} (SQLite, WAL, {@code
 * synchronous=FULL}): when {@link #append} returns, the command is on stable storage. A command is
 * kept once by its id; sent again, the first copy stays. Thread-safe.
 *
 * <pre>{@code
 * try (CommandLog log = CommandLog.open(dataDir.resolve("commands.db"))) {
 *   Map<String, TwinCommand> latest = log.latest(device);
 * }
 * }</pre>
 */
public final class CommandLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommandLog.class);

  /** The most commands {@link #list} answers. */
  public static final int MAX_LIST = 1_000;

  private static final String COLUMNS =
      "id, device, command, value, at_ms, reason, signer, received_ms, envelope";

  private final Path file;
  private final Connection db;
  private boolean closed;

  private CommandLog(Path file, Connection db) {
    this.file = file;
    this.db = db;
  }

  /**
   * Opens or creates the log at {@code file}.
   *
   * @throws MsecException {@code store-io} if the file cannot be opened or is not a database
   */
  public static CommandLog open(Path file) {
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=10000");
        s.execute(
            "CREATE TABLE IF NOT EXISTS command (id TEXT PRIMARY KEY, device TEXT NOT NULL,"
                + " command TEXT NOT NULL, value TEXT NOT NULL, at_ms INTEGER NOT NULL,"
                + " reason TEXT NOT NULL, signer TEXT NOT NULL, received_ms INTEGER NOT NULL,"
                + " envelope TEXT NOT NULL)");
        s.execute(
            "CREATE INDEX IF NOT EXISTS command_by_device ON command (device, command, at_ms)");
      }
      CommandLog log = new CommandLog(file, c);
      LOG.info("opened command log file={} commands={}", file, log.count());
      return log;
    } catch (SQLException e) {
      throw new MsecException("store-io", "cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Keeps {@code command} unless a command of the same id is kept already.
   *
   * @return the command as kept: {@code command}, or the earlier copy
   */
  public synchronized TwinCommand append(TwinCommand command) {
    requireOpen();
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR IGNORE INTO command (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, command.id());
      p.setString(2, command.device().toString());
      p.setString(3, command.command());
      p.setString(4, command.value());
      p.setLong(5, command.at().toEpochMilli());
      p.setString(6, command.reason());
      p.setString(7, command.signer().toString());
      p.setLong(8, command.receivedAt().toEpochMilli());
      p.setString(9, command.envelope().toString());
      if (p.executeUpdate() == 1) {
        return command;
      }
    } catch (SQLException e) {
      throw io(e);
    }
    return byId(command.id());
  }

  /** The commands of {@code device}, oldest first (by their time, then arrival), at most 1000. */
  public synchronized List<TwinCommand> list(DidKey device) {
    requireOpen();
    return query(
        "SELECT "
            + COLUMNS
            + " FROM command WHERE device = ? ORDER BY at_ms, rowid LIMIT "
            + MAX_LIST,
        device.toString());
  }

  /**
   * The latest command of each name for {@code device}: the one with the latest time; of two with
   * the same time, the one the node received last. Empty when the twin was never commanded.
   */
  public synchronized Map<String, TwinCommand> latest(DidKey device) {
    requireOpen();
    List<TwinCommand> all =
        query(
            "SELECT "
                + COLUMNS
                + " FROM command c WHERE device = ? AND NOT EXISTS (SELECT 1 FROM command n"
                + " WHERE n.device = c.device AND n.command = c.command AND (n.at_ms > c.at_ms"
                + " OR (n.at_ms = c.at_ms AND n.rowid > c.rowid))) ORDER BY command",
            device.toString());
    Map<String, TwinCommand> out = new LinkedHashMap<>();
    all.forEach(c -> out.put(c.command(), c));
    return out;
  }

  /** The devices that were ever commanded. */
  public synchronized Set<DidKey> devices() {
    requireOpen();
    Set<DidKey> out = new LinkedHashSet<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT device FROM command ORDER BY device")) {
      while (rs.next()) {
        out.add(DidKey.parse(rs.getString(1)));
      }
    } catch (SQLException e) {
      throw io(e);
    }
    return out;
  }

  /** How many commands are kept, for every device. */
  public synchronized long count() {
    requireOpen();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM command")) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw io(e);
    }
  }

  private TwinCommand byId(String id) {
    List<TwinCommand> found = query("SELECT " + COLUMNS + " FROM command WHERE id = ?", id);
    if (found.isEmpty()) {
      throw new MsecException("store-io", "command " + id + " was neither written nor found");
    }
    return found.get(0);
  }

  private List<TwinCommand> query(String sql, String arg) {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      p.setString(1, arg);
      List<TwinCommand> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw io(e);
    }
  }

  private static TwinCommand row(ResultSet rs) throws SQLException {
    ObjectNode envelope;
    try {
      envelope = (ObjectNode) Json.mapper().readTree(rs.getString(9));
    } catch (IOException | ClassCastException e) {
      throw new MsecException("store-io", "a kept command's envelope is not a JSON object", e);
    }
    return new TwinCommand(
        rs.getString(1),
        DidKey.parse(rs.getString(2)),
        rs.getString(3),
        rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        rs.getString(6),
        DidKey.parse(rs.getString(7)),
        Instant.ofEpochMilli(rs.getLong(8)),
        envelope);
  }

  private void requireOpen() {
    if (closed) {
      throw new MsecException("store-closed", "the command log " + file + " is closed");
    }
  }

  private static MsecException io(SQLException e) {
    return new MsecException("store-io", "command log failed: " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      db.close();
    } catch (SQLException e) {
      throw io(e);
    }
  }
}
