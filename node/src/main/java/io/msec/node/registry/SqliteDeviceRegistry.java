package io.msec.node.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded device registry: a SQLite file that keeps every accepted signed request, with all
 * records cached in memory for the ingestion path.
 */
public final class SqliteDeviceRegistry implements DeviceRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteDeviceRegistry.class);

  private final Connection db;
  private final Clock clock;
  private final Map<DidKey, DeviceRecord> cache = new ConcurrentHashMap<>();

  private SqliteDeviceRegistry(Connection db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Opens (or creates) the registry file. */
  public static SqliteDeviceRegistry open(Path file, Clock clock) {
    try {
      Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute(
            "CREATE TABLE IF NOT EXISTS devices (did TEXT PRIMARY KEY, owner TEXT NOT NULL,"
                + " record TEXT NOT NULL, registration TEXT NOT NULL, revocation TEXT)");
      }
      SqliteDeviceRegistry registry = new SqliteDeviceRegistry(db, clock);
      registry.load();
      LOG.info("opened device registry file={} devices={}", file, registry.cache.size());
      return registry;
    } catch (SQLException e) {
      throw new MsecException("registry-io", "cannot open device registry " + file + ": " + e, e);
    }
  }

  private void load() throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("SELECT record FROM devices")) {
      while (rs.next()) {
        DeviceRecord r = fromJson(rs.getString(1));
        cache.put(r.device(), r);
      }
    }
  }

  @Override
  public synchronized Registered register(Envelope request) {
    DeviceRecord record = RegistryRequests.registration(request, clock);
    DeviceRecord existing = cache.get(record.device());
    if (existing != null) {
      if (existing.owner().equals(record.owner())) {
        return new Registered(existing, false);
      }
      throw new RegistryException(
          "device-exists", "device " + record.device() + " is registered to another owner");
    }
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO devices (did, owner, record, registration) VALUES (?,?,?,?)")) {
      ps.setString(1, record.device().toString());
      ps.setString(2, record.owner().toString());
      ps.setString(3, record.toJson().toString());
      ps.setString(4, request.toJson().toString());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new MsecException("registry-io", "cannot store registration: " + e, e);
    }
    cache.put(record.device(), record);
    LOG.info(
        "registered device={} owner={} type={}", record.device(), record.owner(), record.type());
    return new Registered(record, true);
  }

  @Override
  public synchronized DeviceRecord revoke(Envelope request) {
    DidKey device = RegistryRequests.revocation(request, clock);
    DeviceRecord existing = cache.get(device);
    if (existing == null) {
      throw new RegistryException("unknown-device", "device " + device + " is not registered");
    }
    if (!existing.owner().equals(request.signer())) {
      throw new RegistryException("not-owner", "only the owner of " + device + " may revoke it");
    }
    if (existing.revoked()) {
      return existing;
    }
    DeviceRecord revoked = existing.withRevokedAt(clock.instant());
    try (PreparedStatement ps =
        db.prepareStatement("UPDATE devices SET record = ?, revocation = ? WHERE did = ?")) {
      ps.setString(1, revoked.toJson().toString());
      ps.setString(2, request.toJson().toString());
      ps.setString(3, device.toString());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new MsecException("registry-io", "cannot store revocation: " + e, e);
    }
    cache.put(device, revoked);
    LOG.info("revoked device={} owner={}", device, existing.owner());
    return revoked;
  }

  @Override
  public Optional<DeviceRecord> find(DidKey device) {
    return Optional.ofNullable(cache.get(device));
  }

  @Override
  public List<DeviceRecord> list() {
    return cache.values().stream()
        .sorted(Comparator.comparing(DeviceRecord::registeredAt).thenComparing(r -> r.device()))
        .toList();
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      LOG.error("cannot close device registry", e);
    }
  }

  private static DeviceRecord fromJson(String text) {
    try {
      JsonNode j = Json.mapper().readTree(text);
      Map<String, DeviceRecord.PropertySpec> schema = new LinkedHashMap<>();
      j.get("schema")
          .fields()
          .forEachRemaining(
              e ->
                  schema.put(
                      e.getKey(),
                      new DeviceRecord.PropertySpec(
                          e.getValue().get("unit").asText(),
                          e.getValue().get("min").asDouble(),
                          e.getValue().get("max").asDouble())));
      JsonNode loc = j.get("location");
      return new DeviceRecord(
          DidKey.parse(j.get("id").asText()),
          DidKey.parse(j.get("owner").asText()),
          j.get("type").asText(),
          j.path("name").asText(""),
          loc == null
              ? null
              : new Reading.Location(loc.get("lat").asDouble(), loc.get("lon").asDouble()),
          schema,
          Instant.parse(j.get("registeredAt").asText()),
          j.hasNonNull("revokedAt") ? Instant.parse(j.get("revokedAt").asText()) : null);
    } catch (java.io.IOException e) {
      throw new MsecException("registry-io", "corrupt registry record: " + e, e);
    }
  }
}
