package io.msec.market.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.core.DidKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A provider inflating its own reputation with unpaid self-purchases and with fake accounts barely
 * moves in a realistic ranking.
 */
class SybilResistanceTest {
  /** The most places the attacker may gain. */
  private static final int BOUND = 1;

  private static final int UNPAID_FAKES = 500;
  private static final int PAYING_FAKES = 50;
  private static final long SMALL_PRICE = 5;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void attackerWithFakeAccountsGainsAtMostOnePlace(long seed) {
    Population population = new Population(seed);
    Score before = population.rank().find(Population.ATTACKER).orElseThrow();

    population.purchases.addAll(fakes("unpaid", UNPAID_FAKES, 0));
    population.purchases.addAll(fakes("paying", PAYING_FAKES, SMALL_PRICE));
    Ranking after = population.rank();

    int rankAfter = after.rankOf(Population.ATTACKER);
    System.out.printf(
        "seed=%d attacker rank before=%d after=%d of %d, score %.4f -> %.4f%n",
        seed,
        before.rank(),
        rankAfter,
        after.scores().size(),
        before.score(),
        after.find(Population.ATTACKER).orElseThrow().score());
    assertThat(before.rank()).isGreaterThan(1 + BOUND);
    assertThat(rankAfter).isBetween(before.rank() - BOUND, before.rank());
  }

  @Test
  void sameAttackWouldClimbWithoutTheNewcomerCap() {
    Formula uncapped = new Formula(3.0, 100.0, 100.0, 1e12, Formula.DEFAULT.halfLifeMillis(), 0.6);
    Population population = new Population(1);
    int before =
        Reputation.rank(population.purchases, population.quality, Population.NOW, uncapped)
            .rankOf(Population.ATTACKER);

    population.purchases.addAll(fakes("paying", PAYING_FAKES, SMALL_PRICE));
    int after =
        Reputation.rank(population.purchases, population.quality, Population.NOW, uncapped)
            .rankOf(Population.ATTACKER);

    System.out.printf(
        "without the newcomer cap: attacker rank before=%d after=%d%n", before, after);
    assertThat(after).isLessThan(before - BOUND);
  }

  @Test
  void unpaidSelfPurchasesChangeNothing() {
    Population population = new Population(7);
    Ranking before = population.rank();

    population.purchases.addAll(fakes("unpaid", UNPAID_FAKES, 0));
    for (int i = 0; i < 100; i++) {
      population.purchases.add(
          new RatedPurchase(
              Population.ATTACKER, Population.ATTACKER, 5, 1_000, Population.NOW - i));
    }
    Ranking after = population.rank();

    assertThat(after.find(Population.ATTACKER).orElseThrow().score())
        .isEqualTo(before.find(Population.ATTACKER).orElseThrow().score());
    assertThat(after.find(Population.ATTACKER).orElseThrow().ignoredRatings())
        .isEqualTo(UNPAID_FAKES + 100);
  }

  @Test
  void anyNumberOfFakesPayingFullPriceStaysWithinTheNewcomerBound() {
    Population population = new Population(11);
    Score before = population.rank().find(Population.ATTACKER).orElseThrow();

    population.purchases.addAll(fakes("full-price", 5_000, 50));
    Score after = population.rank().find(Population.ATTACKER).orElseThrow();

    Formula f = Formula.DEFAULT;
    double bound =
        f.ratingShare()
            * f.newcomerCap()
            / (f.priorWeight() + before.provenWeight() + f.newcomerCap());
    System.out.printf(
        "5000 full-price fakes: attacker rank before=%d after=%d score %.4f -> %.4f"
            + " (bound +%.4f)%n",
        before.rank(), after.rank(), before.score(), after.score(), bound);
    assertThat(after.score()).isGreaterThan(before.score());
    assertThat(after.score() - before.score()).isLessThanOrEqualTo(bound);
    assertThat(after.newcomerScale()).isLessThan(0.01);
  }

  private static List<RatedPurchase> fakes(String kind, int count, long paid) {
    List<RatedPurchase> fakes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      DidKey fake = Accounts.named(kind + "-fake-" + i);
      fakes.add(
          new RatedPurchase(Population.ATTACKER, fake, 5, paid, Population.NOW - i * 60_000L));
    }
    return fakes;
  }
}
