package io.msec.market.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.MsecException;
import io.msec.market.MarketCodes;
import java.util.HashSet;
import java.util.Set;

/**
 * The terms of one license that the buyer's SDK checks before it uses the data: purpose, end of
 * validity, revocation and the product's devices. Purpose, devices and end never change once
 * bought, and a revoked license stays revoked, so a refusal on remembered terms is never wrong; the
 * node checks again on every call. Immutable.
 *
 * @param kind the product kind ({@code stream}, {@code history}, {@code dataset}), or null if not
 *     known yet
 * @param validUntilMillis exclusive end of validity, {@link Long#MAX_VALUE} if not known yet
 * @param devices the product's devices, empty if not known yet
 */
record LicenseTerms(
    String order,
    String purpose,
    String kind,
    long validUntilMillis,
    boolean revoked,
    Set<DidKey> devices) {
  LicenseTerms {
    devices = Set.copyOf(devices);
  }

  /** What a buyer knows the moment its {@code buy} is committed. */
  static LicenseTerms bought(String order, String purpose) {
    return new LicenseTerms(order, purpose, null, Long.MAX_VALUE, false, Set.of());
  }

  /**
   * The terms in an order as {@code GET /api/v1/market/orders/{id}} answers it.
   *
   * @throws MsecException {@code malformed-answer} if it holds no license
   */
  static LicenseTerms of(JsonNode order) {
    JsonNode l = order.path("license");
    if (!l.path("order").isTextual() || !l.path("purpose").isTextual()) {
      throw new MsecException("malformed-answer", "the node's order holds no license");
    }
    Set<DidKey> devices = new HashSet<>();
    for (JsonNode d : l.path("product").path("devices")) {
      devices.add(DidKey.parse(d.asText()));
    }
    return new LicenseTerms(
        l.get("order").asText(),
        l.get("purpose").asText(),
        l.path("product").path("kind").asText(null),
        l.path("validUntil").asLong(Long.MAX_VALUE),
        l.path("revoked").asLong(0) != 0,
        devices);
  }

  /**
   * Refuses use of the data for {@code purpose} at {@code nowMillis} unless these terms allow it.
   *
   * @throws MsecException {@code purpose-not-allowed}, {@code license-revoked} or {@code
   *     license-expired}
   */
  void checkUse(String purpose, long nowMillis) {
    if (!this.purpose.equals(purpose)) {
      throw new MsecException(
          MarketCodes.PURPOSE_NOT_ALLOWED,
          "the license of order "
              + order
              + " allows use for '"
              + this.purpose
              + "' only, not for '"
              + purpose
              + "'");
    }
    if (revoked) {
      throw new MsecException(
          MarketCodes.LICENSE_REVOKED, "the license of order " + order + " was revoked");
    }
    if (nowMillis >= validUntilMillis) {
      throw new MsecException(
          MarketCodes.LICENSE_EXPIRED, "the license of order " + order + " has expired");
    }
  }

  /** Whether the license covers {@code device}; true while the devices are not known. */
  boolean covers(DidKey device) {
    return devices.isEmpty() || devices.contains(device);
  }
}
