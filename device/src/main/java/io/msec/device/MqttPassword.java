package io.msec.device;

import io.msec.core.DidKey;
import io.msec.core.Identity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The MQTT CONNECT password of a device (docs/protocol.md): the UTF-8 text {@code <millis>.<sig>},
 * where {@code sig} is the base64url Ed25519 signature of the ASCII bytes {@code
 * msec-mqtt-auth/v1\n<did>\n<millis>}, {@code did} being the device's id (the user name) and the
 * signer its current key. A node accepts a password once and only near its own clock, so a device
 * makes a fresh one for every connection attempt.
 *
 * <pre>{@code
 * String password = MqttPassword.create(identity, System.currentTimeMillis());
 * boolean ok = MqttPassword.verify(identity.did(), password, now, 300_000);
 * }</pre>
 */
public final class MqttPassword {
  /** The domain tag that starts the signed text. */
  public static final String DOMAIN = "msec-mqtt-auth/v1";

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private MqttPassword() {}

  /**
   * The password of a device whose key is its id ({@code identity}) for a connection attempt at
   * {@code millis}.
   */
  public static String create(Identity identity, long millis) {
    return create(identity.did(), identity, millis);
  }

  /**
   * The password of device {@code device} (its id, also the MQTT user name) signed by its current
   * {@code key}, which differs from the id once the key was rotated.
   */
  public static String create(DidKey device, Identity key, long millis) {
    byte[] sig = key.sign(signedBytes(device, millis));
    return millis + "." + B64.encodeToString(sig);
  }

  /**
   * True if {@code password} is well formed, signed by {@code did} and made within {@code
   * maxSkewMillis} of {@code nowMillis}. Whether it was used before is the caller's business.
   */
  public static boolean verify(DidKey did, String password, long nowMillis, long maxSkewMillis) {
    return verify(did, did, password, nowMillis, maxSkewMillis);
  }

  /**
   * True if {@code password} of device {@code device} is well formed, signed by the device's
   * current {@code key} and made within {@code maxSkewMillis} of {@code nowMillis}.
   */
  public static boolean verify(
      DidKey device, DidKey key, String password, long nowMillis, long maxSkewMillis) {
    int dot = password == null ? -1 : password.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    try {
      long millis = Long.parseLong(password.substring(0, dot));
      byte[] sig = B64D.decode(password.substring(dot + 1));
      return Math.abs(nowMillis - millis) <= maxSkewMillis
          && key.verify(signedBytes(device, millis), sig);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The millis part of a password, or -1 if it has none. */
  public static long millisOf(String password) {
    int dot = password == null ? -1 : password.indexOf('.');
    try {
      return dot <= 0 ? -1 : Long.parseLong(password.substring(0, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static byte[] signedBytes(DidKey did, long millis) {
    return (DOMAIN + "\n" + did + "\n" + millis).getBytes(StandardCharsets.US_ASCII);
  }
}
