package io.msec.twin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.twin.AppendOutcome;
import io.msec.twin.StoredReading;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a list of readings in one transaction on the writer connection: the readings, their series
 * points, the twins' latest values and the device summaries. A sealed reading is stored with its
 * signed bytes like any other but has no values to add to series or twin properties; the device
 * summary notes it as the latest sealed reading. Not thread-safe: the caller holds the writer lock.
 */
public final class Appender implements AutoCloseable {
  private static final String INSERT_READING =
      "INSERT OR IGNORE INTO reading (device, seq, observed_at, received_at, canonical, signature,"
          + " batch_root, batch_index, batch_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT_CANONICAL =
      "SELECT canonical FROM reading WHERE device = ? AND seq = ?";
  private static final String INSERT_POINT =
      "INSERT INTO series (device, property, t, seq, value) VALUES (?, ?, ?, ?, ?)";

  // The latest value wins by observation time, then by sequence number, whatever the order of
  // arrival; the same rule is applied within a list by TwinUpdates.
  private static final String UPSERT_PROPERTY =
      "INSERT INTO twin_property (device, property, value, unit, observed_at, seq)"
          + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (device, property) DO UPDATE SET"
          + " value = excluded.value, unit = excluded.unit, observed_at = excluded.observed_at,"
          + " seq = excluded.seq WHERE excluded.observed_at > twin_property.observed_at"
          + " OR (excluded.observed_at = twin_property.observed_at"
          + " AND excluded.seq > twin_property.seq)";
  private static final String NEWER_LOCATION =
      "(excluded.location_at IS NOT NULL AND (location_at IS NULL"
          + " OR excluded.location_at > location_at"
          + " OR (excluded.location_at = location_at AND excluded.location_seq > location_seq)))";
  private static final String NEWER_SEALED =
      "(excluded.sealed_at IS NOT NULL AND (sealed_at IS NULL"
          + " OR excluded.sealed_at > sealed_at"
          + " OR (excluded.sealed_at = sealed_at AND excluded.sealed_seq > sealed_seq)))";
  private static final String UPSERT_DEVICE =
      "INSERT INTO device (device, last_seq, last_observed_at, readings, lat, lon, location_at,"
          + " location_seq, sealed_seq, sealed_at, sealed_epoch)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device) DO UPDATE SET"
          + " last_seq = max(last_seq, excluded.last_seq),"
          + " last_observed_at = max(last_observed_at, excluded.last_observed_at),"
          + " readings = readings + excluded.readings,"
          + (" lat = CASE WHEN " + NEWER_LOCATION + " THEN excluded.lat ELSE lat END,")
          + (" lon = CASE WHEN " + NEWER_LOCATION + " THEN excluded.lon ELSE lon END,")
          + (" location_seq = CASE WHEN " + NEWER_LOCATION)
          + " THEN excluded.location_seq ELSE location_seq END,"
          + (" location_at = CASE WHEN " + NEWER_LOCATION)
          + " THEN excluded.location_at ELSE location_at END,"
          + (" sealed_epoch = CASE WHEN " + NEWER_SEALED)
          + " THEN excluded.sealed_epoch ELSE sealed_epoch END,"
          + (" sealed_seq = CASE WHEN " + NEWER_SEALED)
          + " THEN excluded.sealed_seq ELSE sealed_seq END,"
          + (" sealed_at = CASE WHEN " + NEWER_SEALED)
          + " THEN excluded.sealed_at ELSE sealed_at END";

  private final Connection connection;
  private final PreparedStatement insertReading;
  private final PreparedStatement selectCanonical;
  private final PreparedStatement insertPoint;
  private final PreparedStatement upsertProperty;
  private final PreparedStatement upsertDevice;

  /**
   * Prepares the statements on {@code connection}, which stays in JDBC auto-commit mode: the
   * appender opens and ends its transactions itself (see {@link Transactions}).
   */
  public Appender(Connection connection) throws SQLException {
    this.connection = connection;
    this.insertReading = connection.prepareStatement(INSERT_READING);
    this.selectCanonical = connection.prepareStatement(SELECT_CANONICAL);
    this.insertPoint = connection.prepareStatement(INSERT_POINT);
    this.upsertProperty = connection.prepareStatement(UPSERT_PROPERTY);
    this.upsertDevice = connection.prepareStatement(UPSERT_DEVICE);
  }

  /**
   * Decodes the readings from their signed bytes, before any lock is taken. The signed bytes are
   * what is stored, so series and twins are built from them: they can differ from the reading the
   * caller decoded from the device's JSON only where RFC 8785 normalises it (a {@code -0} is signed
   * as {@code 0}).
   *
   * @return the decoded readings, in the same order
   * @throws MsecException {@code store-invalid-reading} if signed bytes do not decode, name another
   *     device or sequence number than their reading, or hold a time beyond the store's
   *     milliseconds
   */
  public static List<Reading> decode(List<StoredReading> readings) {
    List<Reading> decoded = new ArrayList<>(readings.size());
    for (StoredReading stored : readings) {
      Reading reading;
      try {
        JsonNode json = Json.mapper().readTree(stored.canonical());
        reading = Reading.fromJson(json);
      } catch (IOException | MsecException e) {
        throw invalid(stored, "the signed bytes are not a reading: " + e.getMessage());
      }
      if (!reading.device().equals(stored.reading().device())
          || reading.seq() != stored.reading().seq()) {
        throw invalid(stored, "the signed bytes are those of another reading");
      }
      long ms = Millis.of(reading.observedAt());
      if (ms == Long.MIN_VALUE || ms == Long.MAX_VALUE) {
        throw invalid(stored, "observation time out of range: " + reading.observedAt());
      }
      decoded.add(reading);
    }
    return decoded;
  }

  /**
   * Writes and commits; on failure rolls back and rethrows.
   *
   * @param decoded the readings as {@link #decode} returned them
   */
  public List<AppendOutcome> append(List<StoredReading> readings, List<Reading> decoded)
      throws SQLException {
    Transactions.begin(connection);
    try {
      List<AppendOutcome> outcomes = insertReadings(readings, decoded);
      TwinUpdates updates = new TwinUpdates();
      for (int i = 0; i < readings.size(); i++) {
        if (outcomes.get(i) == AppendOutcome.STORED) {
          addPoints(decoded.get(i));
          updates.add(decoded.get(i));
        }
      }
      insertPoint.executeBatch();
      updates.write(upsertProperty, upsertDevice);
      Transactions.commit(connection);
      return outcomes;
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly(e);
      throw e;
    }
  }

  private List<AppendOutcome> insertReadings(List<StoredReading> readings, List<Reading> decoded)
      throws SQLException {
    for (int i = 0; i < readings.size(); i++) {
      StoredReading stored = readings.get(i);
      Reading reading = decoded.get(i);
      insertReading.setString(1, reading.device().toString());
      insertReading.setLong(2, reading.seq());
      insertReading.setLong(3, reading.observedAt().toEpochMilli());
      insertReading.setLong(4, stored.receivedAt().toEpochMilli());
      insertReading.setBytes(5, stored.canonical());
      insertReading.setBytes(6, stored.signature());
      insertReading.setBytes(7, stored.batchRoot());
      insertReading.setInt(8, stored.batchIndex());
      insertReading.setInt(9, stored.batchSize());
      insertReading.addBatch();
    }
    int[] changes = insertReading.executeBatch();

    List<AppendOutcome> outcomes = new ArrayList<>(readings.size());
    for (int i = 0; i < readings.size(); i++) {
      outcomes.add(changes[i] == 1 ? AppendOutcome.STORED : compareStored(readings.get(i)));
    }
    return outcomes;
  }

  private AppendOutcome compareStored(StoredReading stored) throws SQLException {
    selectCanonical.setString(1, stored.reading().device().toString());
    selectCanonical.setLong(2, stored.reading().seq());
    try (ResultSet rs = selectCanonical.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("reading ignored on insert but not found: " + stored);
      }
      return stored.sameCanonical(rs.getBytes(1))
          ? AppendOutcome.DUPLICATE
          : AppendOutcome.CONFLICT;
    }
  }

  // Limitation: series and twin times are kept in milliseconds; finer observation times are only
  // in the signed bytes.
  private void addPoints(Reading reading) throws SQLException {
    for (var e : reading.properties().entrySet()) {
      insertPoint.setString(1, reading.device().toString());
      insertPoint.setString(2, e.getKey());
      insertPoint.setLong(3, reading.observedAt().toEpochMilli());
      insertPoint.setLong(4, reading.seq());
      insertPoint.setDouble(5, e.getValue().value());
      insertPoint.addBatch();
    }
  }

  private void rollbackQuietly(Exception cause) {
    try {
      insertReading.clearBatch();
      insertPoint.clearBatch();
      upsertProperty.clearBatch();
      upsertDevice.clearBatch();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
    Transactions.rollback(connection, cause);
  }

  private static MsecException invalid(StoredReading stored, String why) {
    return new MsecException(
        "store-invalid-reading",
        "reading device="
            + stored.reading().device()
            + " seq="
            + stored.reading().seq()
            + " cannot be stored: "
            + why);
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement st :
        Arrays.asList(insertReading, selectCanonical, insertPoint, upsertProperty, upsertDevice)) {
      st.close();
    }
  }
}
