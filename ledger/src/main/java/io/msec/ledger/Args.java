package io.msec.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.ledger.internal.Fields;
import java.util.Set;

/**
 * Strict readers of transaction arguments for operation kinds added through an {@link
 * OperationRegistry}. Every value has one accepted spelling, as in the ledger's own operations;
 * each reader refuses anything else with {@code malformed-transaction} ({@code overflow} for an
 * amount beyond 64 bits). Stateless.
 *
 * <pre>{@code
 * Args.members(args, "buy args", ALLOWED, REQUIRED);
 * long maxPrice = Args.amountOrZero(args, "maxPrice");
 * }</pre>
 */
public final class Args {
  /** Largest integer a JSON number carries exactly (RFC 8785 numbers are IEEE-754 doubles). */
  public static final long MAX_SAFE_INTEGER = Fields.MAX_SAFE_INTEGER;

  private Args() {}

  /** Refuses members outside {@code allowed} and requires those in {@code required}. */
  public static void members(
      JsonNode json, String what, Set<String> allowed, Set<String> required) {
    Fields.members(json, what, allowed, required);
  }

  /** A JSON string. */
  public static String text(JsonNode json, String member) {
    return Fields.text(json, member);
  }

  /** An Ed25519 did:key written as text. */
  public static DidKey did(JsonNode json, String member) {
    return Fields.did(json, member);
  }

  /** A JSON integer in {@code min..MAX_SAFE_INTEGER}. */
  public static long integer(JsonNode json, String member, long min) {
    return Fields.integer(json, member, min);
  }

  /** A positive token amount written as a decimal string, e.g. {@code "250"}. */
  public static long amount(JsonNode json, String member) {
    return Fields.amount(json, member);
  }

  /**
   * A token amount of zero or more written as a decimal string: {@code "0"} or as {@link #amount}.
   */
  public static long amountOrZero(JsonNode json, String member) {
    JsonNode node = json.get(member);
    if (node != null && node.isTextual() && node.textValue().equals("0")) {
      return 0;
    }
    return Fields.amount(json, member);
  }

  /** Lowercase hex of exactly {@code length} bytes. */
  public static byte[] hex(String text, int length, String what) {
    return Fields.hex(text, length, what);
  }

  /** Unpadded base64url that re-encodes to the same text. */
  public static byte[] base64(String text, String what) {
    return Fields.base64(text, what);
  }

  /** Unpadded base64url of {@code bytes}. */
  public static String base64(byte[] bytes) {
    return Fields.base64(bytes);
  }

  /** The {@code malformed-transaction} refusal with {@code message}. */
  public static LedgerException malformed(String message) {
    return Fields.malformed(message);
  }
}
