package io.msec.node.market;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.MsecException;
import io.msec.ledger.Device;
import io.msec.ledger.Ledger;
import io.msec.market.License;
import io.msec.market.Product;
import io.msec.market.crypto.BundleCheck;
import io.msec.market.crypto.Bundles;
import io.msec.node.chain.Anchorer;
import io.msec.node.chain.StoreReadingSource;
import io.msec.twin.ReadingStore;
import io.msec.twin.StoredReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the encrypted bundle of a history or dataset license: every stored reading of the
 * product's devices in its window, in its signed form, with its ledger proof, sealed to the buyer's
 * recipient key. Anchors what is pending first, so every reading can be proved.
 */
final class Bundler {
  private static final Logger LOG = LoggerFactory.getLogger(Bundler.class);

  /** Most readings in one bundle. */
  static final int MAX_READINGS = 50_000;

  private final Ledger ledger;
  private final ReadingStore store;
  private final Anchorer anchorer;
  private final SignedForms forms;

  Bundler(Ledger ledger, ReadingStore store, Anchorer anchorer, SignedForms forms) {
    this.ledger = ledger;
    this.store = store;
    this.anchorer = anchorer;
    this.forms = forms;
  }

  /**
   * The sealed bundle of {@code license}.
   *
   * @throws MsecException {@code no-data} if no reading lies in the window, {@code too-large} if
   *     more than {@link #MAX_READINGS} do
   */
  byte[] build(License license) {
    Product p = license.product();
    anchorer.anchorDue(true);
    StoreReadingSource source = new StoreReadingSource(store);
    List<ObjectNode> envelopes = new ArrayList<>();
    List<ObjectNode> proofs = new ArrayList<>();
    for (DidKey device : p.devices()) {
      DidKey key = ledger.device(device).map(Device::key).orElse(device);
      // Limitation: the window is found by scanning the device's readings in sequence order, one
      // lookup each; a time index would make large histories cheaper to bundle.
      long last = store.lastSeq(device);
      for (long seq = 1; seq <= last; seq++) {
        StoredReading r = store.get(device, seq).orElse(null);
        if (r == null || !inside(r.reading().observedAt(), p)) {
          continue;
        }
        if (envelopes.size() == MAX_READINGS) {
          throw new MsecException(
              "too-large", "the window holds more than " + MAX_READINGS + " readings");
        }
        envelopes.add(forms.of(r, key));
        proofs.add(ledger.proveReading(device, seq, source));
      }
    }
    if (envelopes.isEmpty()) {
      throw new MsecException("no-data", "no stored reading lies in the product's window");
    }
    ObjectNode bundle = BundleCheck.bundle(license.order(), license.toJson(), envelopes, proofs);
    LOG.info("bundle built order={} readings={}", license.order(), envelopes.size());
    return Bundles.seal(bundle, license.recipient(), license.order());
  }

  private static boolean inside(Instant t, Product p) {
    return !t.isBefore(p.from()) && t.isBefore(p.to());
  }
}
