package io.msec.market.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.MsecException;
import io.msec.market.UsagePolicy;
import io.msec.market.client.Budget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the offer a smart object buys from a catalogue answer: of the available stream offers of
 * its room whose usage policy allows its purpose and region, the cheapest that its budget and its
 * balance allow (then the oldest). When none fits, says why, naming the cheapest. Immutable.
 *
 * @param offer the offer to buy, or null if none fits
 * @param reason why nothing was bought, or null if an offer was picked
 */
record OfferChoice(JsonNode offer, String reason) {

  /** The price of a DCAT offer as the catalogue names it. */
  static long price(JsonNode offer) {
    return offer.path("msec:price").asLong(Long.MAX_VALUE);
  }

  /** The offer id. */
  static String id(JsonNode offer) {
    return offer.path("dct:identifier").asText();
  }

  static OfferChoice pick(
      Iterable<JsonNode> catalogue,
      Room room,
      String purpose,
      String region,
      Budget budget,
      long balance) {
    List<JsonNode> candidates = new ArrayList<>();
    for (JsonNode o : catalogue) {
      if (room.matches(o)
          && "stream".equals(o.path("msec:product").path("kind").asText())
          && "available".equals(o.path("msec:status").asText())
          && allows(o, purpose, region)) {
        candidates.add(o);
      }
    }
    if (candidates.isEmpty()) {
      return new OfferChoice(null, "no CO2 stream of the room is offered for " + purpose);
    }
    candidates.sort(
        Comparator.comparingLong(OfferChoice::price)
            .thenComparing(o -> o.path("dct:issued").asText()));
    long limit = Math.min(budget.maxPerPurchase(), Math.min(budget.remaining(), balance));
    Optional<JsonNode> fit = candidates.stream().filter(o -> price(o) <= limit).findFirst();
    if (fit.isPresent()) {
      return new OfferChoice(fit.get(), null);
    }
    long cheapest = price(candidates.get(0));
    return new OfferChoice(
        null,
        "the cheapest of "
            + candidates.size()
            + " offers costs "
            + cheapest
            + " tokens, above what it may pay: "
            + limitText(budget, balance));
  }

  private static String limitText(Budget budget, long balance) {
    return budget.maxPerPurchase()
        + " a purchase, "
        + budget.remaining()
        + " left of its budget of "
        + budget.maxTotal()
        + ", "
        + balance
        + " in its account";
  }

  private static boolean allows(JsonNode offer, String purpose, String region) {
    try {
      UsagePolicy p = UsagePolicy.fromOdrl(offer.path("odrl:hasPolicy"));
      return p.allowsPurpose(purpose) && p.allowsRegion(region);
    } catch (MsecException e) {
      return false;
    }
  }
}
