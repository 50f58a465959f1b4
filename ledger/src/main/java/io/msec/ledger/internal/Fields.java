package io.msec.ledger.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.Hashes;
import io.msec.core.MsecException;
import io.msec.ledger.LedgerException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;

/**
 * Strict readers of JSON members. Every value has exactly one accepted spelling (lowercase hex,
 * unpadded base64url without stray bits, amounts as decimal strings without leading zeros), so that
 * no two texts of one transaction or proof mean the same thing.
 */
public final class Fields {
  /** Largest integer a JSON number carries exactly (RFC 8785 numbers are IEEE-754 doubles). */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  // Accounts and devices recur in every block; parsing a did:key (base58) costs more than a lookup.
  private static final int MAX_CACHED_DIDS = 100_000;
  private static final java.util.concurrent.ConcurrentHashMap<String, DidKey> DIDS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Fields() {}

  /** Refuses members outside {@code allowed} and requires those in {@code required}. */
  public static void members(
      JsonNode json, String what, Set<String> allowed, Set<String> required) {
    if (json == null || !json.isObject()) {
      throw malformed(what + " must be a JSON object");
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw malformed(what + " has an unknown member '" + name + "'");
      }
    }
    for (String name : required) {
      if (!json.has(name)) {
        throw malformed(what + " lacks member '" + name + "'");
      }
    }
  }

  public static String text(JsonNode json, String member) {
    JsonNode node = json.get(member);
    if (node == null || !node.isTextual()) {
      throw malformed("member '" + member + "' must be a string");
    }
    return node.textValue();
  }

  public static DidKey did(JsonNode json, String member) {
    String text = text(json, member);
    DidKey known = DIDS.get(text);
    if (known != null) {
      return known;
    }
    try {
      DidKey parsed = DidKey.parse(text);
      if (DIDS.size() >= MAX_CACHED_DIDS) {
        DIDS.clear();
      }
      DIDS.put(text, parsed);
      return parsed;
    } catch (MsecException e) {
      if (e instanceof LedgerException) {
        throw e;
      }
      throw malformed("member '" + member + "' is not an Ed25519 did:key");
    }
  }

  /** A JSON integer in {@code min..MAX_SAFE_INTEGER}. */
  public static long integer(JsonNode json, String member, long min) {
    JsonNode node = json.get(member);
    if (node == null
        || !node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.longValue() < min
        || node.longValue() > MAX_SAFE_INTEGER) {
      throw malformed("member '" + member + "' must be an integer from " + min);
    }
    return node.longValue();
  }

  /** A positive token amount written as a decimal string, e.g. {@code "250"}. */
  public static long amount(JsonNode json, String member) {
    String text = text(json, member);
    if (text.isEmpty() || text.length() > 19 || !digitsWithoutLeadingZero(text)) {
      throw malformed("member '" + member + "' must be a positive decimal string like \"250\"");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new LedgerException(
          LedgerException.OVERFLOW, "member '" + member + "' exceeds " + Long.MAX_VALUE);
    }
  }

  private static boolean digitsWithoutLeadingZero(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9' || (i == 0 && c == '0')) {
        return false;
      }
    }
    return true;
  }

  private static boolean lowercaseHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /** 32 bytes written as 64 lowercase hex digits. */
  public static byte[] hash(JsonNode json, String member) {
    return hex(text(json, member), 32, member);
  }

  public static byte[] hex(String text, int length, String what) {
    if (text.length() != length * 2 || !lowercaseHex(text)) {
      throw malformed(what + " must be " + length + " bytes in lowercase hex");
    }
    return Hashes.fromHex(text);
  }

  /** Unpadded base64url that re-encodes to the same text. */
  public static byte[] base64(String text, String what) {
    byte[] bytes;
    try {
      bytes = B64D.decode(text);
    } catch (IllegalArgumentException e) {
      throw malformed(what + " is not base64url");
    }
    if (!B64.encodeToString(bytes).equals(text)) {
      throw malformed(what + " is not in canonical unpadded base64url");
    }
    return bytes;
  }

  public static String base64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  public static LedgerException malformed(String message) {
    return new LedgerException(LedgerException.MALFORMED_TRANSACTION, message);
  }
}
