package io.msec.market.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Reading;
import java.util.List;

/**
 * A history or dataset bundle that passed every check of {@link io.msec.market.crypto.BundleCheck}
 * (device signatures and ledger proofs against the node's sequencer key): its readings in bundle
 * order and the opened bundle itself, to keep as evidence. Immutable, though {@code bundle} is a
 * copy the caller may change.
 *
 * @param order the order it delivers
 * @param readings the verified readings, in bundle order
 * @param bundle the opened {@code msec-bundle/1} JSON, with envelopes and proofs
 */
public record BundleResult(String order, List<Reading> readings, ObjectNode bundle) {
  public BundleResult {
    readings = List.copyOf(readings);
    bundle = bundle.deepCopy();
  }

  @Override
  public ObjectNode bundle() {
    return bundle.deepCopy();
  }
}
