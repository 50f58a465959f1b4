package io.msec.market.reputation;

import io.msec.core.DidKey;
import io.msec.core.MsecException;
import java.util.Objects;

/**
 * One settled purchase and the rating its buyer gave it: the input of {@link Reputation}.
 * Immutable.
 *
 * @param provider the account that sold the data
 * @param buyer the account that bought and rated it
 * @param score the rating, 1 (worst) to 5 (best)
 * @param paid tokens the buyer paid for the order, 0 or more
 * @param atMillis when the rating was made, milliseconds since the epoch (the block time)
 * @throws MsecException with code {@code malformed-rating} if the score is outside 1..5 or the
 *     amount paid is negative
 */
public record RatedPurchase(DidKey provider, DidKey buyer, int score, long paid, long atMillis) {
  /** The lowest score a buyer may give. */
  public static final int MIN_SCORE = 1;

  /** The highest score a buyer may give. */
  public static final int MAX_SCORE = 5;

  public RatedPurchase {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(buyer, "buyer");
    if (score < MIN_SCORE || score > MAX_SCORE) {
      throw new MsecException("malformed-rating", "a rating score is 1 to 5, not " + score);
    }
    if (paid < 0) {
      throw new MsecException("malformed-rating", "an amount paid is 0 or more, not " + paid);
    }
  }

  /** Whether the buyer rated its own sale; such a rating carries no weight. */
  public boolean selfRated() {
    return provider.equals(buyer);
  }
}
