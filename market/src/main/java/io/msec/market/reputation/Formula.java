package io.msec.market.reputation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.core.MsecException;

/**
 * The constants of the reputation formula and its small pure functions. Immutable; {@link #DEFAULT}
 * is what the node serves. docs/market.md explains each constant.
 *
 * @param priorScore the rating every provider starts from, as if rated this by {@code priorWeight}
 * @param priorWeight how much paid weight the prior counts for, in tokens
 * @param knee tokens up to which a buyer's voice grows like what it paid; beyond, like the square
 *     root, so one rich buyer counts less than its money
 * @param newcomerCap the most that all buyers who have not spent elsewhere count for together, per
 *     provider, in tokens of voice
 * @param halfLifeMillis age at which a rating counts half
 * @param ratingShare share of the ratings in the score; the rest is quality
 * @throws MsecException with code {@code malformed-formula} if a constant is out of range
 */
public record Formula(
    double priorScore,
    double priorWeight,
    double knee,
    double newcomerCap,
    long halfLifeMillis,
    double ratingShare) {
  private static final long DAY_MILLIS = 86_400_000L;

  /** 3 with weight 100, knee 100, newcomers 50, half-life 180 days, 0.6 ratings + 0.4 quality. */
  public static final Formula DEFAULT = new Formula(3.0, 100.0, 100.0, 50.0, 180 * DAY_MILLIS, 0.6);

  public Formula {
    if (!(priorScore >= RatedPurchase.MIN_SCORE && priorScore <= RatedPurchase.MAX_SCORE)) {
      throw new MsecException("malformed-formula", "the prior score is within 1..5");
    }
    if (!(priorWeight > 0 && knee > 0 && newcomerCap >= 0)
        || Double.isInfinite(priorWeight)
        || Double.isInfinite(knee)
        || Double.isInfinite(newcomerCap)) {
      throw new MsecException(
          "malformed-formula", "prior weight and knee are positive, the newcomer cap 0 or more");
    }
    if (halfLifeMillis <= 0) {
      throw new MsecException("malformed-formula", "the half-life is positive");
    }
    if (!(ratingShare >= 0 && ratingShare <= 1)) {
      throw new MsecException("malformed-formula", "the rating share is within 0..1");
    }
  }

  /**
   * What {@code paid} tokens of a rating made {@code ageMillis} ago count today: halved every
   * half-life. A rating dated after now (clock skew) counts as made now. StrictMath keeps the
   * result identical on every machine, so auditors recompute the same bits.
   */
  public double decayed(long paid, long ageMillis) {
    double halfLives = (double) Math.max(0, ageMillis) / (double) halfLifeMillis;
    return paid * StrictMath.pow(0.5, halfLives);
  }

  /** A buyer's voice for what it paid one provider: linear up to the knee, then sqrt. */
  public double voice(double paid) {
    return paid <= knee ? paid : StrictMath.sqrt(knee * paid);
  }

  /** The score in [0, 1] from a rating score in [1, 5] and a quality in [0, 1]. */
  public double blend(double ratingScore, double quality) {
    double rating = (ratingScore - RatedPurchase.MIN_SCORE) / scoreSpan();
    return ratingShare * rating + (1 - ratingShare) * quality;
  }

  private static double scoreSpan() {
    return RatedPurchase.MAX_SCORE - RatedPurchase.MIN_SCORE;
  }

  /** The constants, for auditors. */
  public ObjectNode toJson() {
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("priorScore", priorScore);
    json.put("priorWeight", priorWeight);
    json.put("knee", knee);
    json.put("newcomerCap", newcomerCap);
    json.put("halfLifeMillis", halfLifeMillis);
    json.put("ratingShare", ratingShare);
    json.put("qualityShare", 1 - ratingShare);
    json.put("qualityPriorReadings", Quality.PRIOR_READINGS);
    return json;
  }
}
