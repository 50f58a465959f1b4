package io.msec.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signed ledger transactions as an owner sends them to a node (docs/ledger.md, "Transactions"):
 *
 * <pre>{@code
 * {"account":"did:key:z6Mk...","nonce":7,"op":"register-device","args":{...},"sig":"<base64url>"}
 * }</pre>
 *
 * The account signs {@code "msec/tx/v1\n"} followed by the RFC 8785 bytes of the object without
 * {@code sig}. Built from core alone, so that a device or an owner's tool needs no ledger code.
 *
 * <pre>{@code
 * ObjectNode tx = LedgerTransactions.sign(owner, api.nextNonce(owner.did()),
 *     LedgerTransactions.REVOKE_DEVICE, LedgerTransactions.revokeArgs(device));
 * }</pre>
 */
public final class LedgerTransactions {
  /** Registers a device; the signer becomes its owner. */
  public static final String REGISTER_DEVICE = "register-device";

  /** Replaces the key a device signs with; the device keeps its id. */
  public static final String ROTATE_DEVICE_KEY = "rotate-device-key";

  /** Revokes a device for good. */
  public static final String REVOKE_DEVICE = "revoke-device";

  private static final byte[] DOMAIN = "msec/tx/v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private LedgerTransactions() {}

  /**
   * Signs operation {@code op} with {@code args} as transaction number {@code nonce} of {@code
   * account}. The arguments are copied.
   *
   * @return a new JSON object with {@code account}, {@code nonce}, {@code op}, {@code args} and
   *     {@code sig}
   */
  public static ObjectNode sign(Identity account, long nonce, String op, ObjectNode args) {
    if (nonce < 1) {
      throw new IllegalArgumentException("nonces start at 1, was " + nonce);
    }
    ObjectNode tx = Json.mapper().createObjectNode();
    tx.put("account", account.did().toString());
    tx.put("nonce", nonce);
    tx.put("op", op);
    tx.set("args", args.deepCopy());
    byte[] sig = account.sign(signingBytes(tx));
    tx.put("sig", B64.encodeToString(sig));
    return tx;
  }

  /** The arguments of {@code register-device}: {@link DeviceRegistration#toArgs()}. */
  public static ObjectNode registerArgs(DeviceRegistration registration) {
    return registration.toArgs();
  }

  /** The arguments of {@code revoke-device}: {@code {"device":did}}. */
  public static ObjectNode revokeArgs(DidKey device) {
    ObjectNode args = Json.mapper().createObjectNode();
    args.put("device", device.toString());
    return args;
  }

  /** The arguments of {@code rotate-device-key}: {@code {"device":id,"key":newKey}}. */
  public static ObjectNode rotateArgs(DidKey device, DidKey newKey) {
    ObjectNode args = revokeArgs(device);
    args.put("key", newKey.toString());
    return args;
  }

  /** The bytes the account signs: the domain tag and the canonical form without {@code sig}. */
  static byte[] signingBytes(ObjectNode unsigned) {
    byte[] body = CanonicalJson.bytes(unsigned);
    byte[] out = Arrays.copyOf(DOMAIN, DOMAIN.length + body.length);
    System.arraycopy(body, 0, out, DOMAIN.length, body.length);
    return out;
  }
}
