package io.msec.node.registry;

import io.msec.core.DidKey;
import io.msec.core.Envelope;
import java.util.List;
import java.util.Optional;

/**
 * Port: the devices a node trusts, each registered and changed only by its owner through a signed
 * request (see docs/protocol.md). Ingestion reads device keys from here only.
 */
public interface DeviceRegistry extends AutoCloseable {

  /** Outcome of a registration: the record, and whether it was new. */
  record Registered(DeviceRecord device, boolean created) {}

  /**
   * Registers a device from an owner-signed {@code register-device} envelope. Registering the same
   * device again by the same owner is harmless and returns the existing record.
   *
   * @throws RegistryException on a malformed, wrongly signed or conflicting request
   */
  Registered register(Envelope request);

  /**
   * Revokes a device from an owner-signed {@code revoke-device} envelope.
   *
   * @throws RegistryException {@code unknown-device}, {@code not-owner}, ...
   */
  DeviceRecord revoke(Envelope request);

  /** The device, revoked or not; fast enough for the ingestion path. */
  Optional<DeviceRecord> find(DidKey device);

  List<DeviceRecord> list();

  @Override
  void close();
}
