package io.msec.market.reputation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import java.util.List;

/**
 * One provider's place in a {@link Ranking} and every input of its score. Immutable.
 *
 * <p>With the formula's constants: {@code newcomerScale = min(1, newcomerCap / newcomerWeight)},
 * {@code ratingWeight = provenWeight + newcomerScale * newcomerWeight}, {@code ratingScore =
 * (priorScore * priorWeight + sum of weighted voices' mean scores) / (priorWeight + ratingWeight)}
 * and {@code score = ratingShare * (ratingScore - 1) / 4 + (1 - ratingShare) * quality}.
 *
 * @param provider the ranked account
 * @param rank 1 for the best; equal scores are ordered by the provider's did:key text
 * @param score the blended score in [0, 1]
 * @param ratingScore the Bayesian average of the ratings, in [1, 5]
 * @param ratingWeight the paid weight the ratings counted for, excluding the prior
 * @param ratings ratings that carried weight (paid more than 0, not the provider's own)
 * @param quality {@link Quality#ratio()} of {@code qualityCounts}, in [0, 1]
 * @param qualityCounts what the node measured of the provider's data
 * @param provenWeight the sum of the voices' proven weights
 * @param newcomerWeight the sum of the voices' newcomer weights, before the cap
 * @param newcomerScale the factor the newcomer weights were scaled by, in [0, 1]
 * @param ignoredRatings ratings that carried no weight: unpaid or the provider's own
 * @param voices the buyers who paid, ordered by did:key text
 */
public record Score(
    DidKey provider,
    int rank,
    double score,
    double ratingScore,
    double ratingWeight,
    long ratings,
    double quality,
    Quality qualityCounts,
    double provenWeight,
    double newcomerWeight,
    double newcomerScale,
    long ignoredRatings,
    List<Voice> voices) {
  public Score {
    voices = List.copyOf(voices);
  }

  Score withRank(int newRank) {
    return new Score(
        provider,
        newRank,
        score,
        ratingScore,
        ratingWeight,
        ratings,
        quality,
        qualityCounts,
        provenWeight,
        newcomerWeight,
        newcomerScale,
        ignoredRatings,
        voices);
  }

  /** The score with every input, for auditors. */
  public ObjectNode toJson() {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("provider", provider.toString());
    json.put("rank", rank);
    json.put("score", score);
    json.put("ratingScore", ratingScore);
    json.put("ratingWeight", ratingWeight);
    json.put("ratings", ratings);
    json.put("ignoredRatings", ignoredRatings);
    json.put("provenWeight", provenWeight);
    json.put("newcomerWeight", newcomerWeight);
    json.put("newcomerScale", newcomerScale);
    json.set("quality", qualityCounts.toJson());
    ArrayNode list = json.putArray("buyers");
    voices.forEach(v -> list.add(v.toJson()));
    return json;
  }
}
