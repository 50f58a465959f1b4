package io.msec.node.market;

import io.msec.core.DidKey;
import io.msec.ledger.Device;
import io.msec.ledger.Ledger;
import io.msec.ledger.StateEntry;
import io.msec.market.Market;
import io.msec.market.Rating;
import io.msec.market.reputation.Quality;
import io.msec.market.reputation.Ranking;
import io.msec.market.reputation.RatedPurchase;
import io.msec.market.reputation.Reputation;
import io.msec.twin.ReadingStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Providers' reputations as the node sees them: the ratings on the ledger, and the quality of each
 * provider's devices as measured by the node itself (stored readings, gaps in sequence numbers,
 * refused readings, readings refused as implausible), fed to {@link Reputation}.
 */
public final class Reputations {
  /** The refusal code counted as a plausibility failure rather than a plain rejection. */
  static final String IMPLAUSIBLE = "out-of-range";

  private final Market market;
  private final Ledger ledger;
  private final ReadingStore store;
  private final Function<String, Map<String, Long>> rejectsByDevice;
  private final Clock clock;

  /**
   * @param rejectsByDevice a device's refused readings by reason code
   */
  public Reputations(
      Market market,
      Ledger ledger,
      ReadingStore store,
      Function<String, Map<String, Long>> rejectsByDevice,
      Clock clock) {
    this.market = market;
    this.ledger = ledger;
    this.store = store;
    this.rejectsByDevice = rejectsByDevice;
    this.clock = clock;
  }

  /** The current ranking of every provider that offered or was rated. */
  public Ranking ranking() {
    List<RatedPurchase> rated = new ArrayList<>();
    for (Rating r : market.ratings()) {
      rated.add(new RatedPurchase(r.provider(), r.buyer(), r.score(), r.paid(), r.atMillis()));
    }
    // Providers are those who offered or were rated; owners who never sold are not ranked.
    java.util.Set<DidKey> providers = new java.util.HashSet<>();
    market.offers().forEach(o -> providers.add(o.provider()));
    rated.forEach(r -> providers.add(r.provider()));
    Map<DidKey, Quality> quality = new HashMap<>();
    providers.forEach(p -> quality.put(p, Quality.NONE));
    for (StateEntry e : ledger.entries("device/")) {
      Device d = (Device) e;
      if (providers.contains(d.owner())) {
        quality.merge(d.owner(), measure(d.id()), Reputations::sum);
      }
    }
    return Reputation.rank(rated, quality, clock.millis());
  }

  private Quality measure(DidKey device) {
    long stored = store.count(device);
    long gaps = Math.max(0, store.lastSeq(device) - stored);
    long rejected = 0;
    long implausible = 0;
    for (Map.Entry<String, Long> r : rejectsByDevice.apply(device.toString()).entrySet()) {
      if (r.getKey().equals(IMPLAUSIBLE)) {
        implausible += r.getValue();
      } else {
        rejected += r.getValue();
      }
    }
    return new Quality(stored, rejected, gaps, implausible);
  }

  private static Quality sum(Quality a, Quality b) {
    return new Quality(
        a.stored() + b.stored(),
        a.rejected() + b.rejected(),
        a.gaps() + b.gaps(),
        a.implausible() + b.implausible());
  }
}
