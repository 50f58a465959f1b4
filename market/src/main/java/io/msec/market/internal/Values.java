package io.msec.market.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.msec.core.Json;
import io.msec.ledger.Args;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Strict readers and writers of the market's JSON values. Like the ledger's own arguments, each
 * value has one accepted spelling: instants as {@link Instant#toString()} with at most millisecond
 * precision, durations as whole days ({@code P7D}) when they are, otherwise as {@link
 * Duration#toString()}.
 */
public final class Values {
  /** Longest duration a product or policy may name: it keeps every deadline inside 64 bits. */
  public static final Duration MAX_DURATION = Duration.ofDays(36_600);

  private static final long DAY_SECONDS = 86_400;

  private Values() {}

  /** The one spelling of {@code d}. */
  public static String duration(Duration d) {
    if (d.getNano() == 0 && d.getSeconds() % DAY_SECONDS == 0) {
      return "P" + d.getSeconds() / DAY_SECONDS + "D";
    }
    return d.toString();
  }

  /** A positive duration up to {@link #MAX_DURATION} in its one spelling, whole milliseconds. */
  public static Duration duration(String text, String what) {
    Duration d;
    try {
      d = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw Args.malformed(what + " is not an ISO 8601 duration");
    }
    if (d.isNegative() || d.isZero() || d.compareTo(MAX_DURATION) > 0) {
      throw Args.malformed(what + " must be positive and at most " + duration(MAX_DURATION));
    }
    if (d.getNano() % 1_000_000 != 0 || !duration(d).equals(text)) {
      throw Args.malformed(what + " must be written " + duration(d) + " in whole milliseconds");
    }
    return d;
  }

  /** An instant in its one spelling, at most millisecond precision, not before 1970. */
  public static Instant instant(String text, String what) {
    Instant t;
    try {
      t = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw Args.malformed(what + " is not an ISO 8601 instant");
    }
    if (t.getNano() % 1_000_000 != 0
        || t.isBefore(Instant.EPOCH)
        || t.toEpochMilli() > Args.MAX_SAFE_INTEGER
        || !t.toString().equals(text)) {
      throw Args.malformed(what + " must be an instant like 2026-12-04T15:00:00Z in milliseconds");
    }
    return t;
  }

  /** A string of {@code min..max} characters. */
  public static String text(String value, int min, int max, String what) {
    if (value == null || value.length() < min || value.length() > max) {
      throw Args.malformed(what + " must be " + min + " to " + max + " characters");
    }
    return value;
  }

  /** A token of 1 to 64 characters from {@code a-z A-Z 0-9 . _ : -}, e.g. a purpose. */
  public static String token(String value, String what) {
    if (value == null || value.isEmpty() || value.length() > 64) {
      throw Args.malformed(what + " must be 1 to 64 characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!ok) {
        throw Args.malformed(what + " may hold only letters, digits and . _ : -");
      }
    }
    return value;
  }

  /**
   * An ISO 3166 code: two capital letters, optionally a subdivision ({@code GB}, {@code JP-13}).
   */
  public static String region(String value, String what) {
    if (value == null || !value.matches("[A-Z]{2}(-[A-Z0-9]{1,3})?")) {
      throw Args.malformed(what + " must be an ISO 3166 code like GB or JP-13");
    }
    return value;
  }

  /** A transaction id: 64 lowercase hex digits. */
  public static String txId(String value, String what) {
    if (value == null) {
      throw Args.malformed(what + " is missing");
    }
    Args.hex(value, 32, what);
    return value;
  }

  /** A JSON array of strings, at most {@code max} of them, none twice. */
  public static List<String> strings(JsonNode json, String member, int max) {
    JsonNode node = json.get(member);
    if (node == null || !node.isArray() || node.size() > max) {
      throw Args.malformed("member '" + member + "' must be an array of at most " + max);
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode item : node) {
      if (!item.isTextual() || !out.add(item.textValue())) {
        throw Args.malformed("member '" + member + "' must hold distinct strings");
      }
    }
    return new ArrayList<>(out);
  }

  /** A JSON array of {@code values}, in their order. */
  public static ArrayNode array(Iterable<String> values) {
    ArrayNode out = Json.mapper().createArrayNode();
    values.forEach(out::add);
    return out;
  }
}
