package io.msec.node.market;

import io.msec.core.DidKey;
import io.msec.ledger.Ledger;
import io.msec.ledger.StateEntry;
import io.msec.market.License;
import io.msec.market.Product;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream licenses of each device, as of the latest block: rebuilt from the ledger state only
 * when the chain has grown, so that delivering a reading costs a map lookup. Thread-safe.
 */
final class Licenses {
  private final Ledger ledger;
  private long seenHeight = -1;
  private Map<DidKey, List<License>> streams = Map.of();

  Licenses(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The stream licenses of {@code device} valid at {@code nowMillis}. */
  List<License> validStreams(DidKey device, long nowMillis) {
    List<License> all = byDevice().getOrDefault(device, List.of());
    List<License> out = new ArrayList<>(all.size());
    for (License l : all) {
      if (l.validAt(nowMillis)) {
        out.add(l);
      }
    }
    return out;
  }

  /** True if some stream license of {@code device} is still valid or lies in the future. */
  boolean anyStream(DidKey device) {
    return byDevice().containsKey(device);
  }

  private synchronized Map<DidKey, List<License>> byDevice() {
    long height = ledger.height();
    if (height != seenHeight) {
      Map<DidKey, List<License>> rebuilt = new HashMap<>();
      for (StateEntry e : ledger.entries(License.PREFIX)) {
        License l = (License) e;
        if (l.product().kind() == Product.Kind.STREAM && !l.revoked()) {
          for (DidKey d : l.product().devices()) {
            rebuilt.computeIfAbsent(d, k -> new ArrayList<>()).add(l);
          }
        }
      }
      streams = rebuilt;
      seenHeight = height;
    }
    return streams;
  }
}
