package io.msec.market.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msec.core.DidKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Laws of the ranking over arbitrary small markets. */
class ReputationPropertiesTest {
  private static final long NOW = Population.NOW;
  private static final List<DidKey> PROVIDERS = accounts("p", 5);
  private static final List<DidKey> BUYERS = accounts("b", 8);

  private static List<DidKey> accounts(String prefix, int n) {
    List<DidKey> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(Accounts.named(prefix + i));
    }
    return list;
  }

  @Provide
  Arbitrary<RatedPurchase> purchases() {
    Arbitrary<DidKey> everyone =
        Arbitraries.oneOf(Arbitraries.of(PROVIDERS), Arbitraries.of(BUYERS));
    return Combinators.combine(
            Arbitraries.of(PROVIDERS),
            everyone,
            Arbitraries.integers().between(1, 5),
            Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(0, 5_000)),
            Arbitraries.longs().between(NOW - 3 * 365 * Population.DAY, NOW + 60_000))
        .as(RatedPurchase::new);
  }

  @Provide
  Arbitrary<List<RatedPurchase>> markets() {
    return purchases().list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<Map<DidKey, Quality>> qualities() {
    Arbitrary<Quality> quality =
        Combinators.combine(
                Arbitraries.longs().between(0, 100_000),
                Arbitraries.longs().between(0, 10_000),
                Arbitraries.longs().between(0, 10_000),
                Arbitraries.doubles().between(0, 1))
            .as(
                (stored, rejected, gaps, f) ->
                    new Quality(stored, rejected, gaps, (long) (f * stored)));
    return Arbitraries.maps(Arbitraries.of(PROVIDERS), quality).ofMaxSize(PROVIDERS.size());
  }

  @Property(tries = 300)
  void everyScoreStaysInItsRange(
      @ForAll("markets") List<RatedPurchase> market,
      @ForAll("qualities") Map<DidKey, Quality> quality) {
    Ranking ranking = Reputation.rank(market, quality, NOW);

    for (int i = 0; i < ranking.scores().size(); i++) {
      Score s = ranking.scores().get(i);
      assertThat(s.rank()).isEqualTo(i + 1);
      assertThat(s.score()).isBetween(0.0, 1.0);
      assertThat(s.ratingScore()).isBetween(1.0, 5.0);
      assertThat(s.quality()).isBetween(0.0, 1.0);
      assertThat(s.newcomerScale()).isBetween(0.0, 1.0);
      assertThat(s.ratingWeight()).isGreaterThanOrEqualTo(0.0);
    }
    assertThat(ranking.scores())
        .isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
  }

  @Property(tries = 300)
  void anUnpaidRatingChangesNoScore(
      @ForAll("markets") List<RatedPurchase> market,
      @ForAll("qualities") Map<DidKey, Quality> quality,
      @ForAll("purchases") RatedPurchase extra) {
    RatedPurchase unpaid =
        new RatedPurchase(extra.provider(), extra.buyer(), extra.score(), 0, extra.atMillis());
    Ranking before = Reputation.rank(market, quality, NOW);

    List<RatedPurchase> more = new ArrayList<>(market);
    more.add(unpaid);
    Ranking after = Reputation.rank(more, quality, NOW);

    for (Score s : before.scores()) {
      Score same = after.find(s.provider()).orElseThrow();
      assertThat(same.score()).isEqualTo(s.score());
      assertThat(same.ratingScore()).isEqualTo(s.ratingScore());
      assertThat(same.ratingWeight()).isEqualTo(s.ratingWeight());
    }
  }

  @Property(tries = 300)
  void theRankingIsTheSameWhateverTheInputOrder(
      @ForAll("markets") List<RatedPurchase> market,
      @ForAll("qualities") Map<DidKey, Quality> quality,
      @ForAll long seed) {
    List<RatedPurchase> shuffled = new ArrayList<>(market);
    Collections.shuffle(shuffled, new Random(seed));
    List<DidKey> keys = new ArrayList<>(quality.keySet());
    Collections.shuffle(keys, new Random(seed));
    Map<DidKey, Quality> reordered = new LinkedHashMap<>();
    keys.forEach(k -> reordered.put(k, quality.get(k)));

    Ranking once = Reputation.rank(market, quality, NOW);
    Ranking again = Reputation.rank(shuffled, reordered, NOW);

    assertThat(again.scores())
        .extracting(Score::provider)
        .containsExactlyElementsOf(once.scores().stream().map(Score::provider).toList());
    assertThat(again.scores())
        .extracting(Score::score)
        .containsExactlyElementsOf(once.scores().stream().map(Score::score).toList());
    assertThat(again.toJson().toString()).isEqualTo(once.toJson().toString());
  }

  @Property(tries = 300)
  void raisingOneRatingNeverLowersItsProviderAndMovesNoOther(
      @ForAll("markets") List<RatedPurchase> market,
      @ForAll("qualities") Map<DidKey, Quality> quality,
      @ForAll @IntRange(min = 0, max = 1_000) int which,
      @ForAll @IntRange(min = 1, max = 4) int by) {
    if (market.isEmpty()) {
      return;
    }
    int i = which % market.size();
    RatedPurchase old = market.get(i);
    List<RatedPurchase> raised = new ArrayList<>(market);
    raised.set(
        i,
        new RatedPurchase(
            old.provider(),
            old.buyer(),
            Math.min(5, old.score() + by),
            old.paid(),
            old.atMillis()));

    Ranking before = Reputation.rank(market, quality, NOW);
    Ranking after = Reputation.rank(raised, quality, NOW);

    Score was = before.find(old.provider()).orElseThrow();
    Score is = after.find(old.provider()).orElseThrow();
    assertThat(is.score()).isGreaterThanOrEqualTo(was.score());
    assertThat(is.rank()).isLessThanOrEqualTo(was.rank());
    for (Score other : before.scores()) {
      if (!other.provider().equals(old.provider())) {
        assertThat(after.find(other.provider()).orElseThrow().score()).isEqualTo(other.score());
      }
    }
  }

  @Property(tries = 200)
  void accountsThatBuyNowhereElseMoveAProviderByAtMostTheNewcomerBound(
      @ForAll("markets") List<RatedPurchase> market,
      @ForAll("qualities") Map<DidKey, Quality> quality,
      @ForAll @IntRange(min = 1, max = 200) int fakes,
      @ForAll @LongRange(min = 1, max = 1_000_000) long paid) {
    DidKey target = PROVIDERS.get(0);
    Score before = Reputation.rank(market, quality, NOW).find(target).orElse(null);

    List<RatedPurchase> attacked = new ArrayList<>(market);
    for (int i = 0; i < fakes; i++) {
      attacked.add(new RatedPurchase(target, Accounts.named("fake-" + i), 5, paid, NOW));
    }
    Score after = Reputation.rank(attacked, quality, NOW).find(target).orElseThrow();

    Formula f = Formula.DEFAULT;
    double proven = before == null ? 0 : before.provenWeight();
    double scoreBefore =
        before == null ? f.blend(f.priorScore(), Quality.NONE.ratio()) : before.score();
    double bound = f.ratingShare() * f.newcomerCap() / (f.priorWeight() + proven + f.newcomerCap());
    assertThat(after.provenWeight()).isCloseTo(proven, within(1e-9 * (1 + proven)));
    assertThat(after.score() - scoreBefore).isLessThanOrEqualTo(bound + 1e-12);
  }

  @Property(tries = 300)
  void qualityRatioStaysWithinZeroAndOneAndFallsWithGaps(
      @ForAll @LongRange(min = 0, max = 1L << 40) long stored,
      @ForAll @LongRange(min = 0, max = 1L << 40) long rejected,
      @ForAll @LongRange(min = 0, max = 1L << 40) long gaps,
      @ForAll @LongRange(min = 1, max = 1L << 20) long moreGaps) {
    Quality q = new Quality(stored, rejected, gaps, stored / 3);
    Quality worse = new Quality(stored, rejected, gaps + moreGaps, stored / 3);

    assertThat(q.ratio()).isBetween(0.0, 1.0);
    assertThat(worse.ratio()).isLessThanOrEqualTo(q.ratio());
  }
}
