package io.msec.market.reputation;

import io.msec.core.DidKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ranks providers by their buyers' paid ratings and the quality the node measured of their data.
 * Pure and deterministic: no clock (the time is an argument), no I/O, and the same inputs in any
 * order give the same bits.
 *
 * <pre>{@code
 * Ranking ranking = Reputation.rank(ratedPurchases, qualityByProvider, clock.millis());
 * ObjectNode body = ranking.toJson();
 * }</pre>
 *
 * <p>Per provider and buyer, the buyer's voice is {@link Formula#voice} of what it paid (each
 * rating decayed by age). The share of the voice backed by what the buyer paid other providers
 * counts on its own; the rest goes to a newcomer pool that counts for at most {@link
 * Formula#newcomerCap()} in all. A Bayesian average with a prior then gives the rating score,
 * blended with quality. docs/market.md gives the reasons.
 */
public final class Reputation {
  private static final Logger LOG = LoggerFactory.getLogger(Reputation.class);

  /** Orders the input canonically, so that sums run in one order whatever order they came in. */
  private static final Comparator<RatedPurchase> CANONICAL =
      Comparator.comparing(RatedPurchase::atMillis)
          .thenComparingInt(RatedPurchase::score)
          .thenComparingLong(RatedPurchase::paid);

  private Reputation() {}

  /** Ranks with {@link Formula#DEFAULT}. */
  public static Ranking rank(
      List<RatedPurchase> purchases, Map<DidKey, Quality> quality, long nowMillis) {
    return rank(purchases, quality, nowMillis, Formula.DEFAULT);
  }

  /**
   * Ranks every provider that was rated or measured.
   *
   * @param purchases rated purchases, in any order
   * @param quality what the node measured per provider; a provider missing here gets {@link
   *     Quality#NONE}
   * @param nowMillis the time to age ratings against
   * @param formula the constants
   */
  public static Ranking rank(
      List<RatedPurchase> purchases,
      Map<DidKey, Quality> quality,
      long nowMillis,
      Formula formula) {
    Objects.requireNonNull(purchases, "purchases");
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(formula, "formula");
    SortedMap<DidKey, SortedMap<DidKey, List<RatedPurchase>>> byProvider = group(purchases);
    SortedMap<DidKey, SortedMap<DidKey, Double>> paidByBuyer =
        paidByBuyer(byProvider, nowMillis, formula);

    TreeSet<DidKey> providers = new TreeSet<>(byProvider.keySet());
    providers.addAll(quality.keySet());
    List<Score> scores = new ArrayList<>();
    for (DidKey provider : providers) {
      scores.add(
          score(
              provider,
              byProvider.getOrDefault(provider, new TreeMap<>()),
              paidByBuyer,
              quality.getOrDefault(provider, Quality.NONE),
              nowMillis,
              formula));
    }

    scores.sort(Comparator.comparingDouble(Score::score).reversed().thenComparing(Score::provider));
    List<Score> ranked = new ArrayList<>(scores.size());
    for (int i = 0; i < scores.size(); i++) {
      ranked.add(scores.get(i).withRank(i + 1));
    }
    LOG.debug("ranked providers={} ratings={} now={}", ranked.size(), purchases.size(), nowMillis);
    return new Ranking(formula, nowMillis, ranked);
  }

  private static SortedMap<DidKey, SortedMap<DidKey, List<RatedPurchase>>> group(
      List<RatedPurchase> purchases) {
    SortedMap<DidKey, SortedMap<DidKey, List<RatedPurchase>>> byProvider = new TreeMap<>();
    for (RatedPurchase p : purchases) {
      Objects.requireNonNull(p, "rated purchase");
      byProvider
          .computeIfAbsent(p.provider(), k -> new TreeMap<>())
          .computeIfAbsent(p.buyer(), k -> new ArrayList<>())
          .add(p);
    }
    byProvider.values().forEach(buyers -> buyers.values().forEach(list -> list.sort(CANONICAL)));
    return byProvider;
  }

  /** Per buyer, per provider: decayed tokens paid. Self-ratings pay nothing. */
  private static SortedMap<DidKey, SortedMap<DidKey, Double>> paidByBuyer(
      SortedMap<DidKey, SortedMap<DidKey, List<RatedPurchase>>> byProvider,
      long nowMillis,
      Formula formula) {
    SortedMap<DidKey, SortedMap<DidKey, Double>> paid = new TreeMap<>();
    byProvider.forEach(
        (provider, buyers) ->
            buyers.forEach(
                (buyer, list) ->
                    paid.computeIfAbsent(buyer, k -> new TreeMap<>())
                        .put(provider, decayedSum(list, nowMillis, formula))));
    return paid;
  }

  private static double decayedSum(List<RatedPurchase> list, long nowMillis, Formula formula) {
    double sum = 0;
    for (RatedPurchase p : list) {
      sum += weight(p, nowMillis, formula);
    }
    return sum;
  }

  private static double weight(RatedPurchase p, long nowMillis, Formula formula) {
    if (p.selfRated()) {
      return 0;
    }
    return formula.decayed(p.paid(), nowMillis - p.atMillis());
  }

  private static Score score(
      DidKey provider,
      SortedMap<DidKey, List<RatedPurchase>> buyers,
      SortedMap<DidKey, SortedMap<DidKey, Double>> paidByBuyer,
      Quality quality,
      long nowMillis,
      Formula formula) {
    List<Voice> voices = new ArrayList<>();
    long ratings = 0;
    long ignored = 0;
    for (Map.Entry<DidKey, List<RatedPurchase>> e : buyers.entrySet()) {
      long weighted = e.getValue().stream().filter(p -> weight(p, nowMillis, formula) > 0).count();
      ratings += weighted;
      ignored += e.getValue().size() - weighted;
      if (weighted > 0) {
        voices.add(voice(provider, e.getKey(), e.getValue(), paidByBuyer, nowMillis, formula));
      }
    }

    double proven = 0;
    double provenSum = 0;
    double newcomer = 0;
    double newcomerSum = 0;
    for (Voice v : voices) {
      proven += v.provenWeight();
      provenSum += v.provenWeight() * v.meanScore();
      newcomer += v.newcomerWeight();
      newcomerSum += v.newcomerWeight() * v.meanScore();
    }
    // Limitation: fake accounts funded by the provider and recycling its own tokens are only
    // bounded while they spend nothing elsewhere; see docs/limitations.md (market).
    double scale = newcomer > formula.newcomerCap() ? formula.newcomerCap() / newcomer : 1.0;

    double ratingWeight = proven + scale * newcomer;
    double ratingScore =
        (formula.priorScore() * formula.priorWeight() + provenSum + scale * newcomerSum)
            / (formula.priorWeight() + ratingWeight);
    double q = quality.ratio();
    return new Score(
        provider,
        0,
        formula.blend(ratingScore, q),
        ratingScore,
        ratingWeight,
        ratings,
        q,
        quality,
        proven,
        newcomer,
        scale,
        ignored,
        voices);
  }

  private static Voice voice(
      DidKey provider,
      DidKey buyer,
      List<RatedPurchase> list,
      SortedMap<DidKey, SortedMap<DidKey, Double>> paidByBuyer,
      long nowMillis,
      Formula formula) {
    double paid = 0;
    double scoreSum = 0;
    for (RatedPurchase p : list) {
      double w = weight(p, nowMillis, formula);
      paid += w;
      scoreSum += w * p.score();
    }

    // Limitation: only rated purchases elsewhere prove a buyer; see docs/limitations.md (market).
    double elsewhere = 0;
    for (Map.Entry<DidKey, Double> e : paidByBuyer.get(buyer).entrySet()) {
      if (!e.getKey().equals(provider)) {
        elsewhere += e.getValue();
      }
    }
    double proven = Math.min(1.0, elsewhere / paid);
    return new Voice(buyer, list, paid, elsewhere, formula.voice(paid), proven, scoreSum / paid);
  }
}
