package io.msec.node.market;

import io.msec.core.DidKey;
import io.msec.core.MsecException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the node has delivered, kept durably in {@code market.db} (SQLite, synchronous=FULL) so that
 * the escrow agent decides the same way after a crash: when each order was first delivered, and
 * every grant (an epoch key wrapped to one licensee) issued or relayed. Wrapped keys are safe to
 * keep: only the licensee's private key opens them. Thread-safe.
 */
public final class DeliveryLog implements AutoCloseable {
  /** One stored grant, as issued. */
  public record StoredGrant(
      String order, DidKey device, long epoch, long fromMillis, byte[] wrapped) {}

  private final Connection db;
  private final java.util.Set<String> recorded = new java.util.HashSet<>();

  private DeliveryLog(Connection db) {
    this.db = db;
  }

  /**
   * Opens or creates the log at {@code file}.
   *
   * @throws MsecException {@code store-io}
   */
  public static DeliveryLog open(Path file) {
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute(
            "CREATE TABLE IF NOT EXISTS deliveries (order_id TEXT PRIMARY KEY, at_ms INTEGER NOT"
                + " NULL, what TEXT NOT NULL)");
        s.execute(
            "CREATE TABLE IF NOT EXISTS grants (order_id TEXT NOT NULL, device TEXT NOT NULL,"
                + " epoch INTEGER NOT NULL, from_ms INTEGER NOT NULL, wrapped BLOB NOT NULL,"
                + " PRIMARY KEY (order_id, device, epoch))");
      }
      return new DeliveryLog(c);
    } catch (SQLException e) {
      throw new MsecException("store-io", "cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** Records the first delivery of {@code order}; later calls keep the first time. */
  public synchronized void delivered(String order, long atMillis, String what) {
    // A buyer fetches grants again and again; only the first fetch costs a sync to disk.
    if (!recorded.add(order)) {
      return;
    }
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR IGNORE INTO deliveries (order_id, at_ms, what) VALUES (?, ?, ?)")) {
      p.setString(1, order);
      p.setLong(2, atMillis);
      p.setString(3, what);
      p.executeUpdate();
    } catch (SQLException e) {
      throw io(e);
    }
  }

  /** When {@code order} was first delivered, if it was. */
  public synchronized Optional<Long> deliveredAt(String order) {
    try (PreparedStatement p =
        db.prepareStatement("SELECT at_ms FROM deliveries WHERE order_id = ?")) {
      p.setString(1, order);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw io(e);
    }
  }

  /** Keeps {@code grant}; a second grant for the same order, device and epoch is ignored. */
  public void grant(StoredGrant grant) {
    grants(List.of(grant));
  }

  /**
   * Keeps {@code grants} in one transaction, so a new epoch for many licensees costs one sync to
   * disk; a grant already kept is ignored.
   */
  public synchronized void grants(List<StoredGrant> grants) {
    try (PreparedStatement p =
        db.prepareStatement(
            "INSERT OR IGNORE INTO grants (order_id, device, epoch, from_ms, wrapped)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      db.setAutoCommit(false);
      for (StoredGrant grant : grants) {
        p.setString(1, grant.order());
        p.setString(2, grant.device().toString());
        p.setLong(3, grant.epoch());
        p.setLong(4, grant.fromMillis());
        p.setBytes(5, grant.wrapped());
        p.addBatch();
      }
      p.executeBatch();
      db.commit();
    } catch (SQLException e) {
      try {
        db.rollback();
      } catch (SQLException r) {
        e.addSuppressed(r);
      }
      throw io(e);
    } finally {
      try {
        db.setAutoCommit(true);
      } catch (SQLException e) {
        throw io(e);
      }
    }
  }

  /** The grants of {@code order}, by device and epoch. */
  public synchronized List<StoredGrant> grants(String order) {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT device, epoch, from_ms, wrapped FROM grants WHERE order_id = ?"
                + " ORDER BY device, epoch")) {
      p.setString(1, order);
      List<StoredGrant> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(
              new StoredGrant(
                  order,
                  DidKey.parse(rs.getString(1)),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getBytes(4)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw io(e);
    }
  }

  /** The highest epoch any grant of {@code device} names, 0 if none. */
  public synchronized long lastEpoch(DidKey device) {
    try (PreparedStatement p =
        db.prepareStatement("SELECT COALESCE(MAX(epoch), 0) FROM grants WHERE device = ?")) {
      p.setString(1, device.toString());
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw io(e);
    }
  }

  private static MsecException io(SQLException e) {
    return new MsecException("store-io", "market store failed: " + e.getMessage(), e);
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw io(e);
    }
  }
}
