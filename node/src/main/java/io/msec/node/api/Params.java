package io.msec.node.api;

import io.javalin.http.Context;
import io.msec.core.DidKey;
import io.msec.core.MsecException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads and validates request parameters, refusing with {@code bad-request} and the name. */
final class Params {
  private Params() {}

  static DidKey did(String name, String value) {
    if (value == null || value.isBlank()) {
      throw badRequest(name + " is required (a did:key)");
    }
    String text = value;
    if (text.startsWith("urn:ngsi-ld:Device:")) {
      // Twin ids carry the did's method-specific part (docs/twins.md).
      text = text.substring(19);
      text = text.startsWith("did:") ? text : "did:key:" + text;
    }
    try {
      return DidKey.parse(text);
    } catch (MsecException e) {
      throw badRequest(name + " is not a did:key: " + value);
    }
  }

  /**
   * Refuses ({@code not-acceptable}) a request for an event stream that does not accept one: it
   * would get an empty answer.
   *
   * @param what the stream, for the message, e.g. "live readings"
   */
  static void acceptsEventStream(Context ctx, String what) {
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new MsecException(
          "not-acceptable",
          what + " are sent as Server-Sent Events: ask with Accept: text/event-stream");
    }
  }

  static String required(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      throw badRequest("query parameter '" + name + "' is required");
    }
    return v;
  }

  static Instant instant(Context ctx, String name, Instant fallback) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw badRequest("'" + name + "' is not an ISO-8601 instant such as 2015-02-04T17:51:00Z");
    }
  }

  static int integer(Context ctx, String name, int fallback, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw badRequest("'" + name + "' must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw badRequest("'" + name + "' must be an integer");
    }
  }

  /**
   * An ISO-8601 duration ({@code PT15M}) or a short form: {@code 30s}, {@code 15m}, {@code 1h},
   * {@code 1d}.
   */
  static Duration duration(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    Duration d;
    try {
      d = v.startsWith("P") || v.startsWith("p") ? Duration.parse(v) : shortForm(v);
    } catch (RuntimeException e) {
      throw badRequest("'" + name + "' is not a duration such as 15m, 1h or PT15M");
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw badRequest("'" + name + "' must be at least one second");
    }
    return d;
  }

  private static Duration shortForm(String v) {
    long n = Long.parseLong(v.substring(0, v.length() - 1));
    return switch (v.charAt(v.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException(v);
    };
  }

  static MsecException badRequest(String message) {
    return new MsecException("bad-request", message);
  }
}
