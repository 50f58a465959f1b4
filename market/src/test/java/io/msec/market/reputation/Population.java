package io.msec.market.reputation;

import io.msec.core.DidKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded marketplace: honest providers with their own appeal, price and data quality, honest
 * buyers who buy from several of them over a year and rate what they got, and one more provider
 * (the attacker) whose real ratings and data are mediocre.
 */
final class Population {
  static final long NOW = 1_780_000_000_000L;
  static final long DAY = 86_400_000L;
  static final int PROVIDERS = 20;
  static final int BUYERS = 300;
  static final DidKey ATTACKER = Accounts.named("attacker");

  final List<RatedPurchase> purchases = new ArrayList<>();
  final Map<DidKey, Quality> quality = new LinkedHashMap<>();
  final List<DidKey> providers = new ArrayList<>();

  private final double[] appeal;
  private final long[] price;

  Population(long seed) {
    Random random = new Random(seed);
    int all = PROVIDERS + 1;
    appeal = new double[all];
    price = new long[all];
    for (int i = 0; i < all; i++) {
      boolean attacker = i == PROVIDERS;
      DidKey provider = attacker ? ATTACKER : Accounts.named("provider-" + i);
      providers.add(provider);
      appeal[i] = attacker ? 2.7 : 1.8 + 3.0 * random.nextDouble();
      price[i] = attacker ? 50 : 10 + random.nextInt(191);
      quality.put(provider, attacker ? mediocreQuality() : quality(random));
    }

    for (int b = 0; b < BUYERS; b++) {
      DidKey buyer = Accounts.named("buyer-" + b);
      int orders = 1 + random.nextInt(6);
      for (int o = 0; o < orders; o++) {
        int i = random.nextInt(all);
        int score = (int) Math.round(appeal[i] + random.nextGaussian() * 0.8);
        long units = 1 + random.nextInt(3);
        long at = NOW - (long) (random.nextDouble() * 365 * DAY);
        purchases.add(
            new RatedPurchase(
                providers.get(i), buyer, Math.max(1, Math.min(5, score)), price[i] * units, at));
      }
    }
  }

  private static Quality quality(Random random) {
    long expected = 2_000 + random.nextInt(58_000);
    long rejected = (long) (expected * 0.05 * random.nextDouble());
    long gaps = (long) (expected * 0.10 * random.nextDouble());
    long stored = expected - rejected - gaps;
    long implausible = (long) (stored * 0.05 * random.nextDouble());
    return new Quality(stored, rejected, gaps, implausible);
  }

  private static Quality mediocreQuality() {
    return new Quality(18_000, 600, 1_400, 400);
  }

  Ranking rank() {
    return Reputation.rank(purchases, quality, NOW);
  }
}
