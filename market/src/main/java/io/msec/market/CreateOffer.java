package io.msec.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.ledger.Args;
import io.msec.ledger.Operation;
import io.msec.market.internal.Values;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Offers a product of the signer's devices. Args: {@code {"product":{..},"price":"10","units":5,
 * "expires":"2026-12-31T00:00:00Z","deliveryWindow":3600,"policy":{..ODRL..},"title":"..",
 * "description":"..","keywords":[".."]}}; {@code units} 0 = unlimited, {@code deliveryWindow} in
 * seconds; {@code expires}, {@code description} and {@code keywords} may be left out.
 *
 * @param expiresMillis 0 = never
 * @param deliveryWindowMillis a positive number of whole seconds
 */
public record CreateOffer(
    Product product,
    long price,
    long units,
    long expiresMillis,
    long deliveryWindowMillis,
    UsagePolicy policy,
    String title,
    String description,
    List<String> keywords)
    implements Operation {
  public static final String TYPE = "offer";
  private static final Set<String> MEMBERS =
      Set.of(
          "product",
          "price",
          "units",
          "expires",
          "deliveryWindow",
          "policy",
          "title",
          "description",
          "keywords");
  private static final Set<String> REQUIRED =
      Set.of("product", "price", "units", "deliveryWindow", "policy", "title");
  private static final int MAX_KEYWORDS = 20;

  public CreateOffer {
    if (product == null || policy == null) {
      throw Args.malformed("an offer has a product and a usage policy");
    }
    if (price < 0 || units < 0 || units > Args.MAX_SAFE_INTEGER) {
      throw Args.malformed("price and units are not negative");
    }
    if (expiresMillis < 0 || expiresMillis > Args.MAX_SAFE_INTEGER) {
      throw Args.malformed("expires is an instant after 1970");
    }
    if (deliveryWindowMillis < 1000
        || deliveryWindowMillis % 1000 != 0
        || deliveryWindowMillis > Values.MAX_DURATION.toMillis()) {
      throw Args.malformed("a delivery window is a positive number of seconds");
    }
    Values.text(title, 1, 200, "a title");
    description = description == null ? "" : description;
    Values.text(description, 0, 4000, "a description");
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    if (keywords.size() > MAX_KEYWORDS || Set.copyOf(keywords).size() != keywords.size()) {
      throw Args.malformed("an offer has at most " + MAX_KEYWORDS + " distinct keywords");
    }
    keywords.forEach(k -> Values.text(k, 1, 64, "a keyword"));
  }

  public static CreateOffer fromArgs(JsonNode args) {
    Args.members(args, "offer args", MEMBERS, REQUIRED);
    long expires =
        args.has("expires")
            ? Values.instant(Args.text(args, "expires"), "expires").toEpochMilli()
            : 0;
    if (args.has("expires") && expires == 0) {
      throw Args.malformed("expires is after 1970");
    }
    return new CreateOffer(
        Product.fromJson(args.get("product")),
        Args.amountOrZero(args, "price"),
        Args.integer(args, "units", 0),
        expires,
        deliveryWindowSeconds(args) * 1000,
        UsagePolicy.fromOdrl(args.get("policy")),
        Args.text(args, "title"),
        args.has("description") ? Args.text(args, "description") : "",
        args.has("keywords") ? Values.strings(args, "keywords", MAX_KEYWORDS) : List.of());
  }

  private static long deliveryWindowSeconds(JsonNode args) {
    long seconds = Args.integer(args, "deliveryWindow", 1);
    if (seconds > Values.MAX_DURATION.toSeconds()) {
      throw Args.malformed(
          "a delivery window is at most " + Values.MAX_DURATION.toSeconds() + " s");
    }
    return seconds;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ObjectNode toArgs() {
    ObjectNode out = Json.mapper().createObjectNode();
    out.set("product", product.toJson());
    out.put("price", Long.toString(price));
    out.put("units", units);
    if (expiresMillis != 0) {
      out.put("expires", Instant.ofEpochMilli(expiresMillis).toString());
    }
    out.put("deliveryWindow", deliveryWindowMillis / 1000);
    out.set("policy", policy.toOdrl());
    out.put("title", title);
    if (!description.isEmpty()) {
      out.put("description", description);
    }
    if (!keywords.isEmpty()) {
      out.set("keywords", Values.array(keywords));
    }
    return out;
  }
}
