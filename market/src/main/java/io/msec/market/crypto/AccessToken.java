package io.msec.market.crypto;

import io.msec.core.DidKey;
import io.msec.core.Ed25519;
import io.msec.core.Identity;
import io.msec.core.MsecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed {@code Authorization} header of the buyer's delivery calls (docs/market.md, "Access
 * checks"): {@code MSec <did> <millis>.<sig>}, where {@code sig} is the buyer's Ed25519 signature
 * (unpadded base64url) of the UTF-8 text {@code msec-market-access/v1\n<order>\n<purpose>\n
 * <millis>}. A header is good for one order and one purpose, within {@link #MAX_SKEW_MILLIS} of the
 * node's clock. Stateless and thread-safe.
 *
 * <pre>{@code
 * String header = AccessToken.header(buyer, orderId, "research", clock.millis());
 * DidKey who = AccessToken.verify(header, orderId, "research", clock.millis());
 * }</pre>
 *
 * <p>Whether {@code who} bought the order, and whether the license is still valid, is the caller's
 * business.
 */
public final class AccessToken {
  /** The authentication scheme of the header. */
  public static final String SCHEME = "MSec";

  /** Domain tag that starts the signed text. */
  public static final String DOMAIN = "msec-market-access/v1";

  /** How far a header's time may be from the verifier's clock: 5 minutes. */
  public static final long MAX_SKEW_MILLIS = 300_000;

  private static final Logger LOG = LoggerFactory.getLogger(AccessToken.class);
  private static final String BAD_AUTH = "bad-auth";

  private AccessToken() {}

  /**
   * The full {@code Authorization} value for {@code buyer}'s call on {@code order} at {@code
   * millis}.
   */
  public static String header(Identity buyer, String order, String purpose, long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("millis must be 0 or more: " + millis);
    }
    byte[] sig = buyer.sign(signedBytes(order, purpose, millis));
    return SCHEME + " " + buyer.did() + " " + millis + "." + Wire.base64(sig);
  }

  /**
   * The buyer who signed {@code header} for {@code order} and {@code purpose}.
   *
   * @throws MsecException {@code bad-auth} if the header is malformed, its signature does not
   *     verify for this order and purpose, or its time is more than 5 minutes from {@code
   *     nowMillis}
   */
  public static DidKey verify(String header, String order, String purpose, long nowMillis) {
    String[] parts = header == null ? new String[0] : header.split(" ", -1);
    if (parts.length != 3 || !SCHEME.equalsIgnoreCase(parts[0])) {
      throw refuse("malformed", "expected 'MSec <did> <millis>.<sig>'");
    }
    DidKey buyer;
    try {
      buyer = DidKey.parse(parts[1]);
    } catch (MsecException e) {
      throw refuse("malformed", "the header names no did:key");
    }
    String token = parts[2];
    int dot = token.indexOf('.');
    long millis = dot > 0 ? millis(token.substring(0, dot)) : -1;
    if (millis < 0) {
      throw refuse("malformed", "expected '<millis>.<sig>' after the did");
    }
    byte[] sig;
    try {
      sig = Wire.unbase64(token.substring(dot + 1), BAD_AUTH, "the signature");
    } catch (MsecException e) {
      throw refuse("malformed", e.getMessage());
    }
    if (Math.abs(nowMillis - millis) > MAX_SKEW_MILLIS) {
      throw refuse("stale", "the header's time is more than 5 minutes from the node's clock");
    }
    if (sig.length != Ed25519.SIGNATURE_SIZE
        || !buyer.verify(signedBytes(order, purpose, millis), sig)) {
      throw refuse("bad-signature", "the signature is not the buyer's for this order and purpose");
    }
    return buyer;
  }

  /** The text a buyer signs. */
  static byte[] signedBytes(String order, String purpose, long millis) {
    return Wire.utf8(DOMAIN + "\n" + order + "\n" + purpose + "\n" + millis);
  }

  /** Non-negative decimal without sign or leading zeros, or -1: one spelling per time. */
  private static long millis(String text) {
    if (text.isEmpty() || text.length() > 18 || (text.length() > 1 && text.charAt(0) == '0')) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(text);
  }

  private static MsecException refuse(String reason, String message) {
    LOG.debug("refused access header reason={}", reason);
    return new MsecException(BAD_AUTH, message);
  }
}
