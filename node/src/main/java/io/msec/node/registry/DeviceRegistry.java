package io.msec.node.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import java.util.List;
import java.util.Optional;

/**
 * Port: the devices a node trusts, each registered and changed only by its owner through a signed
 * ledger transaction (see docs/protocol.md). Ingestion reads device keys from here only.
 */
public interface DeviceRegistry extends AutoCloseable {

  /** Outcome of a registration: the record, and whether it was new. */
  record Registered(DeviceRecord device, boolean created) {}

  /**
   * Registers a device from an owner-signed {@code register-device} transaction. Registering the
   * same device again by the same owner is harmless and returns the existing record.
   *
   * @throws io.msec.core.MsecException on a malformed, wrongly signed or conflicting request
   */
  Registered register(JsonNode transaction);

  /** Revokes {@code device} with an owner-signed {@code revoke-device} transaction. */
  DeviceRecord revoke(DidKey device, JsonNode transaction);

  /** Gives {@code device} a new signing key with an owner-signed {@code rotate-device-key}. */
  DeviceRecord rotate(DidKey device, JsonNode transaction);

  /** The device, revoked or not; fast enough for the ingestion path. */
  Optional<DeviceRecord> find(DidKey device);

  List<DeviceRecord> list();

  @Override
  void close();
}
