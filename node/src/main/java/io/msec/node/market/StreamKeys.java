package io.msec.node.market;

import io.msec.core.ContentKey;
import io.msec.core.DidKey;
import io.msec.market.License;
import io.msec.market.crypto.Grant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epoch keys of the streams the node encrypts itself (unsealed devices). Each device has one
 * current epoch; a new one starts when the epoch is older than its length, and at once when a
 * licensee of the current epoch is no longer licensed (revoked or expired), so the next key reaches
 * only those still licensed. Every licensee of an epoch gets a grant: the key wrapped to its
 * recipient key, kept in the {@link DeliveryLog} and handed to {@code onGrant}.
 *
 * <p>Content keys live in memory only: after a restart the node starts a new epoch, and grants
 * already issued still open what was sent before.
 */
final class StreamKeys {
  private static final Logger LOG = LoggerFactory.getLogger(StreamKeys.class);

  private record Epoch(long number, ContentKey key, long startedMillis, Set<String> orders) {}

  /** The key to encrypt with now. */
  record Current(long number, ContentKey key) {}

  private final DeliveryLog log;
  private final long epochMillis;
  private final Consumer<Grant> onGrant;
  private final Map<DidKey, Epoch> epochs = new HashMap<>();

  StreamKeys(DeliveryLog log, long epochMillis, Consumer<Grant> onGrant) {
    this.log = log;
    this.epochMillis = epochMillis;
    this.onGrant = onGrant;
  }

  /**
   * The epoch to encrypt {@code device}'s readings with at {@code nowMillis}, given the licenses
   * valid now; starts a new epoch when due and grants its key to every licensee lacking it.
   */
  synchronized Current current(DidKey device, List<License> valid, long nowMillis) {
    Set<String> licensed = valid.stream().map(License::order).collect(Collectors.toSet());
    Epoch e = epochs.get(device);
    boolean lostLicensee = e != null && !licensed.containsAll(e.orders());
    if (e == null || lostLicensee || nowMillis - e.startedMillis() >= epochMillis) {
      long number = Math.max(e == null ? 0 : e.number(), log.lastEpoch(device)) + 1;
      e = new Epoch(number, ContentKey.generate(), nowMillis, new HashSet<>());
      epochs.put(device, e);
      LOG.debug(
          "new epoch device={} epoch={} licensees={} lostLicensee={}",
          device,
          number,
          licensed.size(),
          lostLicensee);
    }
    for (License l : valid) {
      if (e.orders().add(l.order())) {
        Grant g =
            Grant.wrap(e.key(), l.recipient(), l.order(), device, e.number(), e.startedMillis());
        log.grant(
            new DeliveryLog.StoredGrant(g.order(), device, g.epoch(), g.fromMillis(), g.wrapped()));
        onGrant.accept(g);
      }
    }
    return new Current(e.number(), e.key());
  }
}
