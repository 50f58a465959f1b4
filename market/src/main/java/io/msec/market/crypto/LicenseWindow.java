package io.msec.market.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.MsecException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

/**
 * What a bundle may hold according to its license: the devices of the license's product and its
 * window {@code [from, to)}. Reads only the members it needs from the license state JSON ({@code
 * order} and {@code product} with {@code kind}, {@code devices}, {@code from}, {@code to}), so the
 * check does not break when the license gains members.
 *
 * @param devices the product's devices
 * @param from the first instant of the window
 * @param to the instant just after the window
 */
record LicenseWindow(Set<DidKey> devices, Instant from, Instant to) {
  private static final String MALFORMED = "malformed-license";

  static LicenseWindow of(JsonNode license, String order) {
    if (license == null || !license.isObject() || !license.path("product").isObject()) {
      throw refuse("the bundle's license has no product");
    }
    if (license.has("order") && !order.equals(license.get("order").asText())) {
      throw refuse("the license is of order " + license.get("order").asText() + ", not " + order);
    }
    JsonNode product = license.get("product");
    String kind = product.path("kind").asText();
    if (!kind.equals("history") && !kind.equals("dataset")) {
      throw refuse("a bundle delivers a history or a dataset, not a " + kind);
    }
    JsonNode list = product.path("devices");
    if (!list.isArray() || list.isEmpty()) {
      throw refuse("the license's product names no devices");
    }
    Set<DidKey> devices = new HashSet<>();
    for (JsonNode d : list) {
      try {
        devices.add(DidKey.parse(d.asText()));
      } catch (MsecException e) {
        throw refuse("the license's product names a device that is not a did:key: " + d);
      }
    }
    Instant from = instant(product.get("from"), "from");
    Instant to = instant(product.get("to"), "to");
    if (!from.isBefore(to)) {
      throw refuse("the license's window ends before it starts");
    }
    return new LicenseWindow(Set.copyOf(devices), from, to);
  }

  /** An ISO-8601 instant, or milliseconds since 1970 for a license written that way. */
  private static Instant instant(JsonNode value, String member) {
    if (value != null && value.isIntegralNumber()) {
      return Instant.ofEpochMilli(value.longValue());
    }
    try {
      if (value != null && value.isTextual()) {
        return Instant.parse(value.textValue());
      }
    } catch (DateTimeParseException e) {
      throw refuse("the license's product '" + member + "' is not an instant");
    }
    throw refuse("the license's product has no '" + member + "'");
  }

  private static BundleCheck.Refusal refuse(String message) {
    return new BundleCheck.Refusal(-1, MALFORMED, message);
  }
}
