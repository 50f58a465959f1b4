package io.msec.twin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.Reading;
import io.msec.twin.SeriesBucket;
import io.msec.twin.SeriesPoint;
import io.msec.twin.StoredReading;
import io.msec.twin.Twin;
import io.msec.twin.TwinProperty;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read queries of the SQLite store, each run on a connection the caller lends. */
public final class ReadQueries {
  private static final String TWINS =
      "SELECT d.device, d.last_seq, d.last_observed_at, d.lat, d.lon,"
          + " p.property, p.value, p.unit, p.observed_at, d.sealed_seq, d.sealed_at, d.sealed_epoch"
          + " FROM device d LEFT JOIN twin_property p ON p.device = d.device";

  private ReadQueries() {}

  /** A column of the device summary row, or {@code absent} if the device has none. */
  public static long deviceLong(Connection c, DidKey device, String column, long absent)
      throws SQLException {
    String sql = "SELECT " + column + " FROM device WHERE device = ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, device.toString());
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getLong(1) : absent;
      }
    }
  }

  public static long count(Connection c) throws SQLException {
    try (PreparedStatement st =
            c.prepareStatement("SELECT coalesce(sum(readings), 0) FROM device");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public static Optional<StoredReading> get(Connection c, DidKey device, long seq)
      throws SQLException {
    String sql =
        "SELECT canonical, signature, received_at, batch_root, batch_index, batch_size"
            + " FROM reading WHERE device = ? AND seq = ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, device.toString());
      st.setLong(2, seq);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        byte[] canonical = rs.getBytes(1);
        return Optional.of(
            new StoredReading(
                decode(canonical, device, seq),
                canonical,
                rs.getBytes(2),
                Instant.ofEpochMilli(rs.getLong(3)),
                rs.getBytes(4),
                rs.getInt(5),
                rs.getInt(6)));
      }
    }
  }

  /** The signed bytes of a device's readings with {@code from <= seq <= to}, by sequence. */
  public static List<byte[]> signedBytes(Connection c, DidKey device, long from, long to)
      throws SQLException {
    String sql =
        "SELECT canonical FROM reading WHERE device = ? AND seq >= ? AND seq <= ? ORDER BY seq";
    List<byte[]> out = new java.util.ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, device.toString());
      st.setLong(2, from);
      st.setLong(3, to);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getBytes(1));
        }
      }
    }
    return out;
  }

  public static List<SeriesPoint> series(
      Connection c, DidKey device, String property, long from, long to, int limit)
      throws SQLException {
    String sql =
        "SELECT t, value, seq FROM series WHERE device = ? AND property = ? AND t >= ? AND t < ?"
            + " ORDER BY t, seq LIMIT ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, device.toString());
      st.setString(2, property);
      st.setLong(3, from);
      st.setLong(4, to);
      st.setInt(5, limit);
      List<SeriesPoint> points = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          points.add(
              new SeriesPoint(Instant.ofEpochMilli(rs.getLong(1)), rs.getDouble(2), rs.getLong(3)));
        }
      }
      return points;
    }
  }

  public static List<SeriesBucket> buckets(
      Connection c, DidKey device, String property, long from, long to, long width)
      throws SQLException {
    // Integer division of a non-negative offset: bucket k covers [from + k*width, from +
    // (k+1)*width).
    String sql =
        "SELECT (t - ?1) / ?2 AS k, min(value), max(value), avg(value), count(*) FROM series"
            + " WHERE device = ?3 AND property = ?4 AND t >= ?1 AND t < ?5 GROUP BY k ORDER BY k";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, from);
      st.setLong(2, width);
      st.setString(3, device.toString());
      st.setString(4, property);
      st.setLong(5, to);
      List<SeriesBucket> buckets = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Instant start = Instant.ofEpochMilli(from + rs.getLong(1) * width);
          buckets.add(
              new SeriesBucket(
                  start, rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5)));
        }
      }
      return buckets;
    }
  }

  /** Milliseconds above {@code threshold}, see ReadingStore#timeAbove. */
  // Limitation: covers the whole series of the property, so its cost grows with the history kept;
  // a time range argument would bound it.
  public static long timeAbove(
      Connection c, DidKey device, String property, double threshold, long maxGap)
      throws SQLException {
    String sql =
        "SELECT coalesce(sum(min(next_t - t, ?)), 0) FROM (SELECT t, value,"
            + " lead(t) OVER (ORDER BY t, seq) AS next_t FROM series"
            + " WHERE device = ? AND property = ?) WHERE value > ? AND next_t IS NOT NULL";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setLong(1, maxGap);
      st.setString(2, device.toString());
      st.setString(3, property);
      st.setDouble(4, threshold);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The twins of one device ({@code device} not null) or of all devices, by device. */
  public static List<Twin> twins(Connection c, DidKey device) throws SQLException {
    String sql = TWINS + (device == null ? "" : " WHERE d.device = ?") + " ORDER BY d.device";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      if (device != null) {
        st.setString(1, device.toString());
      }
      List<Twin> twins = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        boolean more = rs.next();
        while (more) {
          String did = rs.getString(1);
          long lastSeq = rs.getLong(2);
          Instant lastObservedAt = Instant.ofEpochMilli(rs.getLong(3));
          double lat = rs.getDouble(4);
          Reading.Location location =
              rs.wasNull() ? null : new Reading.Location(lat, rs.getDouble(5));
          Twin.SealedReading sealed = sealedReading(rs);
          Map<String, TwinProperty> properties = new HashMap<>();
          while (more && did.equals(rs.getString(1))) {
            String property = rs.getString(6);
            if (property != null) {
              properties.put(
                  property,
                  new TwinProperty(
                      rs.getDouble(7), rs.getString(8), Instant.ofEpochMilli(rs.getLong(9))));
            }
            more = rs.next();
          }
          twins.add(
              new Twin(DidKey.parse(did), lastSeq, lastObservedAt, properties, location, sealed));
        }
      }
      return twins;
    }
  }

  /** The latest sealed reading of the device row at {@code rs}, or null if it has none. */
  private static Twin.SealedReading sealedReading(ResultSet rs) throws SQLException {
    long seq = rs.getLong(10);
    if (rs.wasNull()) {
      return null;
    }
    return new Twin.SealedReading(seq, Instant.ofEpochMilli(rs.getLong(11)), rs.getLong(12));
  }

  private static Reading decode(byte[] canonical, DidKey device, long seq) throws SQLException {
    try {
      JsonNode json = Json.mapper().readTree(canonical);
      return Reading.fromJson(json);
    } catch (IOException | RuntimeException e) {
      throw new SQLException(
          "stored reading device=" + device + " seq=" + seq + " does not decode: " + e.getMessage(),
          e);
    }
  }
}
