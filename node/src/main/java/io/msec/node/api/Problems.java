package io.msec.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.msec.core.Json;
import java.util.Map;

/**
 * Writes errors as RFC 9457 problem documents ({@code application/problem+json}) carrying the
 * stable M-Sec code in a {@code code} member; {@code type} is {@code urn:msec:problem:<code>}.
 */
public final class Problems {
  private static final Map<String, Integer> STATUS =
      Map.ofEntries(
          Map.entry("malformed", 400),
          Map.entry("malformed-envelope", 400),
          Map.entry("malformed-reading", 400),
          Map.entry("malformed-registration", 400),
          Map.entry("malformed-did", 400),
          Map.entry("bad-request", 400),
          Map.entry("stale-request", 400),
          Map.entry("too-large", 413),
          Map.entry("uri-too-long", 414),
          Map.entry("headers-too-large", 431),
          Map.entry("bad-signature", 403),
          Map.entry("wrong-signer", 403),
          Map.entry("not-owner", 403),
          Map.entry("unknown-device", 404),
          Map.entry("not-found", 404),
          Map.entry("revoked-device", 403),
          Map.entry("device-exists", 409),
          Map.entry("replayed-sequence", 409),
          Map.entry("clock-skew", 422),
          Map.entry("unknown-unit", 422),
          Map.entry("unit-mismatch", 422),
          Map.entry("unknown-property", 422),
          Map.entry("out-of-range", 422),
          Map.entry("unknown-unit-code", 422),
          Map.entry("wrong-nonce", 409),
          Map.entry("insufficient-funds", 409),
          Map.entry("not-treasury", 403),
          Map.entry("overflow", 422),
          Map.entry("device-revoked", 409),
          Map.entry("bad-anchor", 422),
          Map.entry("malformed-transaction", 400),
          Map.entry("unknown-operation", 400),
          Map.entry("bad-proof", 422),
          Map.entry("unavailable", 503),
          Map.entry("bad-auth", 401),
          Map.entry("bad-recipient", 400),
          Map.entry("offer-not-found", 404),
          Map.entry("order-not-found", 404),
          Map.entry("not-provider", 403),
          Map.entry("not-buyer", 403),
          Map.entry("not-allowed", 403),
          Map.entry("offer-withdrawn", 409),
          Map.entry("offer-expired", 409),
          Map.entry("sold-out", 409),
          Map.entry("own-offer", 409),
          Map.entry("purpose-not-allowed", 403),
          Map.entry("region-not-allowed", 403),
          Map.entry("price-changed", 409),
          Map.entry("escrow-closed", 409),
          Map.entry("license-revoked", 403),
          Map.entry("license-expired", 403),
          Map.entry("not-settled", 409),
          Map.entry("already-rated", 409),
          Map.entry("wrong-product", 409),
          Map.entry("not-acceptable", 406),
          Map.entry("no-data", 409),
          Map.entry("malformed-grant", 400),
          Map.entry("malformed-bundle", 400),
          Map.entry("malformed-delivery", 400),
          Map.entry("malformed-rating", 400),
          Map.entry("bad-ciphertext", 400),
          Map.entry("bad-key", 400),
          Map.entry("already-sealed", 400),
          Map.entry("not-sealed", 400),
          Map.entry("not-canonicalizable", 400));

  static final String TYPE = "application/problem+json";

  private Problems() {}

  /** The HTTP status M-Sec answers for {@code code}; 500 for codes of the node's own faults. */
  public static int status(String code) {
    return STATUS.getOrDefault(code, 500);
  }

  public static void write(Context ctx, String code, String detail) {
    write(ctx, status(code), code, detail);
  }

  public static void write(Context ctx, int status, String code, String detail) {
    ctx.status(status)
        .contentType(TYPE)
        .result(
            document(status, code, detail, HttpApi.pathOf(ctx))
                .toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The problem document itself; {@code instance} may be null when no path is known. */
  static ObjectNode document(int status, String code, String detail, String instance) {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put("type", "urn:msec:problem:" + code);
    p.put("title", title(code));
    p.put("status", status);
    p.put("detail", detail);
    if (instance != null) {
      p.put("instance", instance);
    }
    p.put("code", code);
    return p;
  }

  private static String title(String code) {
    String words = code.replace('-', ' ').replaceAll("\\buri\\b", "URI");
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
