package io.msec.market.reputation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import java.util.List;

/**
 * What one buyer's ratings of one provider count for, with every input, so an auditor can recompute
 * it. Immutable.
 *
 * @param buyer the rating account
 * @param purchases the buyer's rated purchases of this provider, oldest first
 * @param paid tokens paid to this provider, each rating decayed by its age
 * @param paidElsewhere tokens paid to every other provider, decayed the same way
 * @param voice {@link Formula#voice(double)} of {@code paid}
 * @param provenShare {@code min(1, paidElsewhere / paid)}: the part of the voice that counts on its
 *     own; the rest joins the provider's newcomer pool
 * @param meanScore the buyer's scores averaged with the decayed amounts as weights
 */
public record Voice(
    DidKey buyer,
    List<RatedPurchase> purchases,
    double paid,
    double paidElsewhere,
    double voice,
    double provenShare,
    double meanScore) {
  public Voice {
    purchases = List.copyOf(purchases);
  }

  /** The weight that counts on its own. */
  public double provenWeight() {
    return voice * provenShare;
  }

  /** The weight that joins the provider's newcomer pool. */
  public double newcomerWeight() {
    return voice * (1 - provenShare);
  }

  /** The inputs and results, for auditors. */
  public ObjectNode toJson() {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("buyer", buyer.toString());
    json.put("paid", paid);
    json.put("paidElsewhere", paidElsewhere);
    json.put("voice", voice);
    json.put("provenShare", provenShare);
    json.put("meanScore", meanScore);
    ArrayNode list = json.putArray("purchases");
    for (RatedPurchase p : purchases) {
      list.addObject().put("score", p.score()).put("paid", p.paid()).put("at", p.atMillis());
    }
    return json;
  }
}
