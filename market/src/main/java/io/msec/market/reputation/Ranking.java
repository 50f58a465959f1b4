package io.msec.market.reputation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import java.util.List;
import java.util.Optional;

/**
 * Providers ranked best first, with the formula and the time they were ranked at, as {@link
 * Reputation#rank} made them. Immutable. {@link #toJson()} is the body of {@code GET
 * /api/v1/market/reputation}.
 *
 * @param formula the constants used
 * @param nowMillis the time ratings were aged against
 * @param scores one per provider, best first; {@code scores.get(i).rank() == i + 1}
 */
public record Ranking(Formula formula, long nowMillis, List<Score> scores) {
  public Ranking {
    scores = List.copyOf(scores);
  }

  /** The score of a provider, if it was ranked. */
  public Optional<Score> find(DidKey provider) {
    return scores.stream().filter(s -> s.provider().equals(provider)).findFirst();
  }

  /** The rank of a provider, or 0 if it was not ranked. */
  public int rankOf(DidKey provider) {
    return find(provider).map(Score::rank).orElse(0);
  }

  /** The formula, the time and every score with its inputs. */
  public ObjectNode toJson() {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("version", "msec-reputation/1");
    json.put("now", nowMillis);
    json.set("formula", formula.toJson());
    ArrayNode list = json.putArray("providers");
    scores.forEach(s -> list.add(s.toJson()));
    return json;
  }
}
