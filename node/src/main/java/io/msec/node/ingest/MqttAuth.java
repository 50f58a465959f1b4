package io.msec.node.ingest;

import io.msec.core.DidKey;
import io.msec.core.MsecException;
import io.msec.node.registry.DeviceRecord;
import io.msec.node.registry.DeviceRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an MQTT CONNECT's proof of key possession (docs/protocol.md): the password {@code
 * <millis>.<sig>} signs {@code msec-mqtt-auth/v1\n<did>\n<millis>}, is fresh, and was not used
 * before.
 */
public final class MqttAuth {
  static final Duration WINDOW = Duration.ofMinutes(5);

  private final DeviceRegistry registry;
  private final Clock clock;

  /** Tokens seen within the window, with the time after which they can be forgotten. */
  private final Map<String, Long> seen = new ConcurrentHashMap<>();

  public MqttAuth(DeviceRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** Builds the password a device sends; used by the device SDK's tests and by benchmarks. */
  public static String message(String did, long millis) {
    return "msec-mqtt-auth/v1\n" + did + "\n" + millis;
  }

  /**
   * Returns the authenticated device.
   *
   * @throws MsecException {@code bad-auth}, {@code unknown-device} or {@code revoked-device}
   */
  public DidKey authenticate(String userName, byte[] password) {
    if (userName == null || password == null) {
      throw refused("bad-auth", "user name (the device did) and password are required");
    }
    DidKey did;
    try {
      did = DidKey.parse(userName);
    } catch (MsecException e) {
      throw refused("bad-auth", "user name is not a did:key");
    }
    String text = new String(password, StandardCharsets.US_ASCII);
    int dot = text.indexOf('.');
    long millis;
    byte[] sig;
    try {
      millis = Long.parseLong(text.substring(0, Math.max(dot, 0)));
      sig = Base64.getUrlDecoder().decode(text.substring(dot + 1));
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      throw refused("bad-auth", "password is not <millis>.<base64url signature>");
    }
    long now = clock.millis();
    if (Math.abs(now - millis) > WINDOW.toMillis()) {
      throw refused("bad-auth", "password is stale; sign the current time");
    }
    DeviceRecord device =
        registry.find(did).orElseThrow(() -> refused("unknown-device", did + " is not registered"));
    if (device.revoked()) {
      throw refused("revoked-device", did + " is revoked");
    }
    byte[] signed = message(userName, millis).getBytes(StandardCharsets.US_ASCII);
    // The user name is the device's identifier; the password is signed with its current key.
    if (!device.key().verify(signed, sig)) {
      throw refused("bad-auth", "password signature does not verify");
    }
    forgetOld(now);
    if (seen.putIfAbsent(text, millis + WINDOW.toMillis()) != null) {
      throw refused("bad-auth", "password was used before");
    }
    return did;
  }

  private void forgetOld(long now) {
    if (seen.size() < 10_000) {
      return;
    }
    for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue() < now) {
        it.remove();
      }
    }
  }

  private static MsecException refused(String code, String message) {
    return new MsecException(code, message);
  }
}
