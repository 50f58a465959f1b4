package io.msec.market.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.msec.core.DidKey;
import io.msec.core.MsecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reputation formula on small, hand-made markets. */
class ReputationTest {
  private static final long NOW = Population.NOW;
  private static final long DAY = Population.DAY;
  private static final DidKey ALICE = Accounts.named("alice");
  private static final DidKey BOB = Accounts.named("bob");
  private static final DidKey CAROL = Accounts.named("carol");
  private static final Quality GOOD = new Quality(10_000, 10, 20, 5);

  @Test
  void ratingsBackedByMoreTokensOutweighCheapOnes() {
    List<RatedPurchase> ratings = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      DidKey buyer = Accounts.named("buyer-" + i);
      boolean rich = i < 3;
      ratings.add(new RatedPurchase(ALICE, buyer, rich ? 5 : 1, rich ? 100 : 2, NOW - DAY));
      ratings.add(new RatedPurchase(BOB, buyer, rich ? 1 : 5, rich ? 100 : 2, NOW - DAY));
    }

    Ranking ranking = Reputation.rank(ratings, Map.of(ALICE, GOOD, BOB, GOOD), NOW);

    assertThat(ranking.scores()).extracting(Score::provider).containsExactly(ALICE, BOB);
    assertThat(ranking.find(ALICE).orElseThrow().ratingScore()).isGreaterThan(3.5);
    assertThat(ranking.find(BOB).orElseThrow().ratingScore()).isLessThan(2.5);
  }

  @Test
  void worseDataRanksLowerWithTheSameRatings() {
    List<RatedPurchase> ratings = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      DidKey buyer = Accounts.named("buyer-" + i);
      ratings.add(new RatedPurchase(ALICE, buyer, 4, 50, NOW - DAY));
      ratings.add(new RatedPurchase(BOB, buyer, 4, 50, NOW - DAY));
    }
    Quality gappy = new Quality(8_000, 10, 2_000, 5);

    Ranking ranking = Reputation.rank(ratings, Map.of(ALICE, gappy, BOB, GOOD), NOW);

    assertThat(ranking.scores()).extracting(Score::provider).containsExactly(BOB, ALICE);
    Score alice = ranking.find(ALICE).orElseThrow();
    Score bob = ranking.find(BOB).orElseThrow();
    assertThat(alice.ratingScore()).isEqualTo(bob.ratingScore());
    assertThat(alice.quality()).isLessThan(bob.quality());
  }

  @Test
  void providerWithoutDataRanksBelowOneWithGoodDataAndTheSameRatings() {
    List<RatedPurchase> ratings =
        List.of(
            new RatedPurchase(ALICE, CAROL, 5, 80, NOW - DAY),
            new RatedPurchase(BOB, CAROL, 5, 80, NOW - DAY));

    Ranking ranking = Reputation.rank(ratings, Map.of(BOB, GOOD), NOW);

    assertThat(ranking.rankOf(BOB)).isEqualTo(1);
    assertThat(ranking.find(ALICE).orElseThrow().quality()).isZero();
    assertThat(ranking.find(ALICE).orElseThrow().qualityCounts()).isEqualTo(Quality.NONE);
  }

  @Test
  void providersKnownOnlyByTheirDataAreRankedFromThePrior() {
    Ranking ranking = Reputation.rank(List.of(), Map.of(ALICE, GOOD), NOW);

    Score alice = ranking.find(ALICE).orElseThrow();
    assertThat(alice.rank()).isEqualTo(1);
    assertThat(alice.ratings()).isZero();
    assertThat(alice.ratingScore()).isEqualTo(Formula.DEFAULT.priorScore());
    assertThat(alice.score()).isCloseTo(0.6 * 0.5 + 0.4 * GOOD.ratio(), within(1e-12));
  }

  @Test
  void oneRichBuyerCountsLessThanManyBuyersPayingTheSameInAll() {
    List<RatedPurchase> ratings = new ArrayList<>();
    ratings.add(new RatedPurchase(ALICE, CAROL, 5, 10_000, NOW));
    for (int i = 0; i < 100; i++) {
      DidKey buyer = Accounts.named("buyer-" + i);
      ratings.add(new RatedPurchase(BOB, buyer, 5, 100, NOW));
      ratings.add(new RatedPurchase(ALICE, buyer, 3, 100, NOW));
      ratings.add(new RatedPurchase(CAROL, buyer, 3, 100, NOW));
    }

    Ranking ranking = Reputation.rank(ratings, Map.of(), NOW);

    Voice rich =
        ranking.find(ALICE).orElseThrow().voices().stream()
            .filter(v -> v.buyer().equals(CAROL))
            .findFirst()
            .orElseThrow();
    double many = ranking.find(BOB).orElseThrow().provenWeight();
    assertThat(rich.voice()).isEqualTo(1_000.0);
    assertThat(many).isEqualTo(10_000.0);
    assertThat(rich.voice()).isLessThan(many);
  }

  @Test
  void buyersWhoSpendNowhereElseCountTogetherForAtMostTheNewcomerCap() {
    List<RatedPurchase> ratings = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ratings.add(new RatedPurchase(ALICE, Accounts.named("loyal-" + i), 5, 40, NOW));
    }

    Score alice = Reputation.rank(ratings, Map.of(), NOW).find(ALICE).orElseThrow();

    assertThat(alice.provenWeight()).isZero();
    assertThat(alice.newcomerWeight()).isEqualTo(800.0);
    assertThat(alice.ratingWeight()).isEqualTo(Formula.DEFAULT.newcomerCap());
    assertThat(alice.ratingScore()).isEqualTo((3.0 * 100 + 5.0 * 50) / 150);
  }

  @Test
  void olderRatingsCountLess() {
    List<RatedPurchase> ratings =
        List.of(
            new RatedPurchase(ALICE, CAROL, 1, 100, NOW - 360 * DAY),
            new RatedPurchase(ALICE, BOB, 5, 100, NOW - 180 * DAY),
            new RatedPurchase(BOB, CAROL, 5, 100, NOW),
            new RatedPurchase(CAROL, BOB, 5, 100, NOW));

    Score alice = Reputation.rank(ratings, Map.of(), NOW).find(ALICE).orElseThrow();

    assertThat(alice.voices()).extracting(Voice::paid).containsExactlyInAnyOrder(50.0, 25.0);
    assertThat(alice.ratingScore()).isGreaterThan(3.0);
  }

  @Test
  void refusesScoresOutsideOneToFiveAndNegativePayments() {
    assertThatThrownBy(() -> new RatedPurchase(ALICE, BOB, 6, 1, NOW))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("malformed-rating"));
    assertThatThrownBy(() -> new RatedPurchase(ALICE, BOB, 0, 1, NOW))
        .isInstanceOf(MsecException.class);
    assertThatThrownBy(() -> new RatedPurchase(ALICE, BOB, 3, -1, NOW))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("malformed-rating"));
  }

  @Test
  void refusesQualityWithMoreImplausibleThanStoredReadingsOrOverflowingCounts() {
    assertThatThrownBy(() -> new Quality(10, 0, 0, 11))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("malformed-quality"));
    assertThatThrownBy(() -> new Quality(10, -1, 0, 0)).isInstanceOf(MsecException.class);
    assertThatThrownBy(() -> new Quality(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, 10, 0))
        .isInstanceOfSatisfying(
            MsecException.class, e -> assertThat(e.code()).isEqualTo("malformed-quality"));
  }
}
