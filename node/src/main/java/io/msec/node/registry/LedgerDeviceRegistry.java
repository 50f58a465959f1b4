package io.msec.node.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.ledger.Device;
import io.msec.ledger.Ledger;
import io.msec.ledger.LedgerException;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.RevokeDevice;
import io.msec.ledger.RotateDeviceKey;
import io.msec.ledger.StateEntry;
import io.msec.ledger.Transaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device registry on the ledger: registrations, rotations and revocations are owner-signed
 * ledger transactions, and ingestion trusts device keys from ledger state only. Records are cached
 * per device and rebuilt whenever the ledger's entry for that device changes.
 */
public final class LedgerDeviceRegistry implements DeviceRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerDeviceRegistry.class);
  private static final String PREFIX = "device/";

  private final Ledger ledger;
  private final Map<DidKey, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Device entry, DeviceRecord record) {}

  public LedgerDeviceRegistry(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public Registered register(JsonNode json) {
    Transaction tx = transaction(json, RegisterDevice.TYPE);
    RegisterDevice op;
    try {
      op = RegisterDevice.fromArgs(tx.args());
    } catch (MsecException e) {
      throw new RegistryException("malformed-registration", e.getMessage());
    }
    Schemas.parse(op.schema());
    Optional<DeviceRecord> existing = find(op.device());
    if (existing.isPresent()) {
      if (existing.get().owner().equals(tx.account())) {
        return new Registered(existing.get(), false);
      }
      throw new RegistryException(
          "device-exists", "device " + op.device() + " is registered to another owner");
    }
    commit(tx);
    LOG.info("registered device={} owner={} type={}", op.device(), tx.account(), op.deviceType());
    return new Registered(require(op.device()), true);
  }

  @Override
  public DeviceRecord revoke(DidKey device, JsonNode json) {
    Transaction tx = transaction(json, RevokeDevice.TYPE);
    if (!RevokeDevice.fromArgs(tx.args()).device().equals(device)) {
      throw new RegistryException(
          "malformed-registration", "the transaction names another device than the request");
    }
    commit(tx);
    LOG.info("revoked device={} owner={}", device, tx.account());
    return require(device);
  }

  @Override
  public DeviceRecord rotate(DidKey device, JsonNode json) {
    Transaction tx = transaction(json, RotateDeviceKey.TYPE);
    if (!RotateDeviceKey.fromArgs(tx.args()).device().equals(device)) {
      throw new RegistryException(
          "malformed-registration", "the transaction names another device than the request");
    }
    commit(tx);
    LOG.info("rotated device key device={} owner={}", device, tx.account());
    return require(device);
  }

  @Override
  public Optional<DeviceRecord> find(DidKey device) {
    Optional<Device> entry = ledger.device(device);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    Cached cached = cache.get(device);
    if (cached != null && (cached.entry() == entry.get() || cached.entry().equals(entry.get()))) {
      return Optional.of(cached.record());
    }
    DeviceRecord record = record(entry.get());
    cache.put(device, new Cached(entry.get(), record));
    return Optional.of(record);
  }

  @Override
  public List<DeviceRecord> list() {
    List<DeviceRecord> out = new ArrayList<>();
    String cursor = PREFIX + '\uffff';
    while (true) {
      Optional<Map.Entry<String, StateEntry>> floor = ledger.state().floor(cursor);
      if (floor.isEmpty() || !floor.get().getKey().startsWith(PREFIX)) {
        break;
      }
      if (floor.get().getValue() instanceof Device d) {
        find(d.id()).ifPresent(out::add);
      }
      cursor = before(floor.get().getKey());
    }
    out.sort(Comparator.comparing(DeviceRecord::registeredAt).thenComparing(DeviceRecord::device));
    return out;
  }

  /** The greatest key below {@code key} that any ASCII key can reach. */
  private static String before(String key) {
    char last = key.charAt(key.length() - 1);
    return key.substring(0, key.length() - 1) + (char) (last - 1) + '\uffff';
  }

  @Override
  public void close() {
    cache.clear();
  }

  private DeviceRecord require(DidKey device) {
    return find(device)
        .orElseThrow(() -> new RegistryException("unknown-device", device + " is not registered"));
  }

  private static Transaction transaction(JsonNode json, String op) {
    Transaction tx;
    try {
      tx = Transaction.fromJson(json);
    } catch (MsecException e) {
      throw new RegistryException("malformed-registration", e.getMessage());
    }
    if (!op.equals(tx.op())) {
      throw new RegistryException(
          "malformed-registration", "expected a '" + op + "' transaction, not '" + tx.op() + "'");
    }
    return tx;
  }

  private void commit(Transaction tx) {
    try {
      ledger.submit(tx).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof LedgerException le) {
        throw new RegistryException(le.code(), le.getMessage());
      }
      throw e;
    }
  }

  private DeviceRecord record(Device d) {
    Instant registeredAt =
        ledger
            .block(d.registeredAt())
            .map(b -> Instant.ofEpochMilli(b.header().timeMillis()))
            .orElse(Instant.EPOCH);
    Reading.Location location =
        d.location() == null
            ? null
            : new Reading.Location(
                d.location().get("lat").asDouble(), d.location().get("lon").asDouble());
    return new DeviceRecord(
        d.id(),
        d.key(),
        d.owner(),
        d.type(),
        d.name(),
        location,
        Schemas.parse(d.schema()),
        registeredAt,
        d.revoked());
  }
}
