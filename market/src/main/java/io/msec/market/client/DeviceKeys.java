package io.msec.market.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.MsecException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key each device signs with, as the ledger holds it ({@code GET /api/v1/devices/{did}}, member
 * {@code key}), fetched once per device and fetched again when asked after a signature failed,
 * since the owner may have rotated the key. Thread-safe.
 */
final class DeviceKeys {
  private final NodeHttp http;
  private final Map<DidKey, DidKey> keys = new ConcurrentHashMap<>();

  DeviceKeys(NodeHttp http) {
    this.http = http;
  }

  /** The key {@code device} signs with, from memory when it was fetched before. */
  DidKey of(DidKey device) {
    DidKey known = keys.get(device);
    return known != null ? known : refresh(device);
  }

  /**
   * Fetches the key of {@code device} again.
   *
   * @throws MsecException the node's code, e.g. {@code unknown-device}
   */
  DidKey refresh(DidKey device) {
    JsonNode record = http.get("/api/v1/devices/" + device, null);
    if (!record.path("key").isTextual()) {
      throw new MsecException("malformed-answer", "the node names no key for device " + device);
    }
    DidKey key = DidKey.parse(record.get("key").asText());
    keys.put(device, key);
    return key;
  }
}
