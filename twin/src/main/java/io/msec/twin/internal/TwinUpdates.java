package io.msec.twin.internal;

import io.msec.core.Reading;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The twin and device updates of one appended list, folded in memory so that each device and each
 * property is written once per transaction. "Newer" means a later observation time in milliseconds,
 * then a higher sequence number, the same rule as the SQL upserts of {@link Appender}.
 */
final class TwinUpdates {
  private final Map<String, DeviceUpdate> devices = new LinkedHashMap<>();

  private static final class DeviceUpdate {
    long lastSeq;
    long lastObservedAt = Long.MIN_VALUE;
    long readings;
    Reading located;
    Reading sealed;
    final Map<String, Reading> latest = new HashMap<>();
  }

  void add(Reading reading) {
    DeviceUpdate update =
        devices.computeIfAbsent(reading.device().toString(), d -> new DeviceUpdate());
    update.lastSeq = Math.max(update.lastSeq, reading.seq());
    update.lastObservedAt = Math.max(update.lastObservedAt, reading.observedAt().toEpochMilli());
    update.readings++;
    if (reading.location() != null && newer(reading, update.located)) {
      update.located = reading;
    }
    if (reading.isSealed() && newer(reading, update.sealed)) {
      update.sealed = reading;
    }
    for (String property : reading.properties().keySet()) {
      update.latest.merge(property, reading, (a, b) -> newer(b, a) ? b : a);
    }
  }

  /** Writes the folded updates with the two prepared upserts of {@link Appender}. */
  void write(PreparedStatement upsertProperty, PreparedStatement upsertDevice) throws SQLException {
    if (devices.isEmpty()) {
      return;
    }
    for (Map.Entry<String, DeviceUpdate> e : devices.entrySet()) {
      String device = e.getKey();
      DeviceUpdate update = e.getValue();
      for (Map.Entry<String, Reading> p : update.latest.entrySet()) {
        Reading reading = p.getValue();
        Reading.Quantity quantity = reading.properties().get(p.getKey());
        upsertProperty.setString(1, device);
        upsertProperty.setString(2, p.getKey());
        upsertProperty.setDouble(3, quantity.value());
        upsertProperty.setString(4, quantity.unit());
        upsertProperty.setLong(5, reading.observedAt().toEpochMilli());
        upsertProperty.setLong(6, reading.seq());
        upsertProperty.addBatch();
      }
      addDevice(upsertDevice, device, update);
    }
    upsertProperty.executeBatch();
    upsertDevice.executeBatch();
  }

  private static void addDevice(PreparedStatement st, String device, DeviceUpdate update)
      throws SQLException {
    st.setString(1, device);
    st.setLong(2, update.lastSeq);
    st.setLong(3, update.lastObservedAt);
    st.setLong(4, update.readings);
    if (update.located == null) {
      st.setNull(5, Types.REAL);
      st.setNull(6, Types.REAL);
      st.setNull(7, Types.INTEGER);
      st.setNull(8, Types.INTEGER);
    } else {
      st.setDouble(5, update.located.location().lat());
      st.setDouble(6, update.located.location().lon());
      st.setLong(7, update.located.observedAt().toEpochMilli());
      st.setLong(8, update.located.seq());
    }
    if (update.sealed == null) {
      st.setNull(9, Types.INTEGER);
      st.setNull(10, Types.INTEGER);
      st.setNull(11, Types.INTEGER);
    } else {
      st.setLong(9, update.sealed.seq());
      st.setLong(10, update.sealed.observedAt().toEpochMilli());
      st.setLong(11, update.sealed.sealed().epoch());
    }
    st.addBatch();
  }

  /** True if {@code candidate} is newer than {@code current} (or {@code current} is null). */
  private static boolean newer(Reading candidate, Reading current) {
    if (current == null) {
      return true;
    }
    long a = candidate.observedAt().toEpochMilli();
    long b = current.observedAt().toEpochMilli();
    return a > b || (a == b && candidate.seq() > current.seq());
  }
}
