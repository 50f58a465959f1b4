package io.msec.node.market;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.MerkleTree;
import io.msec.core.MsecException;
import io.msec.market.delivery.SignedReading;
import io.msec.twin.ReadingStore;
import io.msec.twin.StoredReading;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a stored reading back into the form its device signed ({@link SignedReading}), so a buyer
 * checks the device's own signature. For a reading that came in a signed batch, the other members
 * of the batch are read back from the store to rebuild the path to the signed root.
 */
final class SignedForms {
  private final ReadingStore store;

  SignedForms(ReadingStore store) {
    this.store = store;
  }

  /** True if {@code device}'s latest stored reading is sealed: the device encrypts itself. */
  boolean lastSealed(DidKey device) {
    long last = store.lastSeq(device);
    return last > 0 && store.get(device, last).map(r -> r.reading().isSealed()).orElse(false);
  }

  /**
   * The signed form of {@code r}, whose device signed with {@code signer}.
   *
   * @throws MsecException {@code bad-proof} if the members of its batch cannot be found
   */
  ObjectNode of(StoredReading r, DidKey signer) {
    if (r.batchRoot() == null) {
      return SignedReading.single(r.canonical(), signer, r.signature());
    }
    // Limitation: a batch is found by the sequence numbers around the reading, which holds for
    // batches the device SDK sends (consecutive readings of one device); other batches cannot be
    // shown to buyers with their device signature.
    DidKey device = r.reading().device();
    long first = r.reading().seq() - r.batchIndex();
    List<byte[]> leaves = new ArrayList<>(r.batchSize());
    for (int i = 0; i < r.batchSize(); i++) {
      StoredReading member = store.get(device, first + i).orElse(null);
      if (member == null
          || member.batchIndex() != i
          || !Arrays.equals(member.batchRoot(), r.batchRoot())) {
        throw new MsecException(
            "bad-proof", "cannot rebuild the signed batch of seq " + r.reading().seq());
      }
      leaves.add(MerkleTree.leafHash(member.canonical()));
    }
    return SignedReading.inBatch(
        r.canonical(),
        signer,
        r.signature(),
        r.batchRoot(),
        r.batchIndex(),
        r.batchSize(),
        MerkleTree.inclusionProof(leaves, r.batchIndex()));
  }
}
