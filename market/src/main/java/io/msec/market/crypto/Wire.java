package io.msec.market.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.MsecException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;

/**
 * Strict reading of the delivery formats: every value has one spelling (unpadded canonical
 * base64url, integers as JSON integers up to 2^53 - 1) and unknown members are refused, so two
 * texts never carry the same grant or reading.
 */
final class Wire {
  /** The largest integer a JSON number carries exactly (RFC 8785 numbers are doubles). */
  static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private Wire() {}

  static String base64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  /**
   * Decodes unpadded base64url, refusing any text that is not the canonical spelling of its bytes.
   *
   * @throws MsecException with {@code code} otherwise
   */
  static byte[] unbase64(String text, String code, String what) {
    byte[] bytes;
    try {
      bytes = B64D.decode(text);
    } catch (IllegalArgumentException e) {
      throw new MsecException(code, what + " is not base64url");
    }
    if (!B64.encodeToString(bytes).equals(text)) {
      throw new MsecException(code, what + " is not unpadded canonical base64url");
    }
    return bytes;
  }

  /** Refuses {@code json} unless it is an object with exactly {@code members}. */
  static void exactly(JsonNode json, Set<String> members, String code, String what) {
    if (json == null || !json.isObject()) {
      throw new MsecException(code, what + " is a JSON object");
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!members.contains(name)) {
        throw new MsecException(code, what + " has an unknown member '" + name + "'");
      }
    }
    for (String name : members) {
      if (!json.has(name)) {
        throw new MsecException(code, what + " lacks member '" + name + "'");
      }
    }
  }

  static String text(JsonNode json, String member, String code) {
    JsonNode node = json.get(member);
    if (node == null || !node.isTextual()) {
      throw new MsecException(code, "member '" + member + "' must be a string");
    }
    return node.textValue();
  }

  static DidKey did(JsonNode json, String member, String code) {
    try {
      return DidKey.parse(text(json, member, code));
    } catch (MsecException e) {
      throw new MsecException(code, "member '" + member + "': " + e.getMessage());
    }
  }

  /** An integer member in {@code min..2^53-1}, written as a JSON integer. */
  static long integer(JsonNode json, String member, long min, String code) {
    JsonNode node = json.get(member);
    if (node == null
        || !node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.longValue() < min
        || node.longValue() > MAX_SAFE_INTEGER) {
      throw new MsecException(
          code, "member '" + member + "' must be an integer from " + min + " to 2^53-1");
    }
    return node.longValue();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Refuses a value that a JSON integer cannot carry exactly. */
  static long checkRange(long value, long min, String what) {
    if (value < min || value > MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException(what + " must be from " + min + " to 2^53-1: " + value);
    }
    return value;
  }
}
