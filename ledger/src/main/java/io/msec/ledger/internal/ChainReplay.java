package io.msec.ledger.internal;

import io.msec.core.DidKey;
import io.msec.core.Hashes;
import io.msec.ledger.Block;
import io.msec.ledger.BlockHeader;
import io.msec.ledger.Genesis;
import io.msec.ledger.LedgerException;
import io.msec.ledger.OperationRegistry;
import io.msec.ledger.StateEntry;
import io.msec.ledger.Supply;
import io.msec.ledger.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds the state and the index from the stored blocks, checking the hash chain, each block's
 * transaction root and state root. Signatures are not re-checked here (the log is this node's own,
 * checksummed and synced); {@link ChainVerifier} re-checks everything.
 *
 * <p>Limitation: every start replays the whole chain; there are no state snapshots yet, so start
 * time grows with the number of transactions (about 35,000 per second on a loaded 2-core machine).
 */
public final class ChainReplay {
  private final OperationRegistry ops;
  private final StateStore state = new StateStore();
  private final ChainIndex index = new ChainIndex();
  private StateMachine machine;
  private Genesis genesis;

  public ChainReplay(OperationRegistry ops) {
    this.ops = ops;
  }

  /** Replays the record at {@code offset}. */
  public void accept(long offset, byte[] payload) {
    Block block = BlockCodec.decode(payload);
    apply(block);
    adopt(block, offset);
  }

  /**
   * Applies {@code block} to the state, checking it continues the chain.
   *
   * @throws LedgerException {@code corrupt-chain} naming the height and the failed check
   */
  public void apply(Block block) {
    BlockHeader h = block.header();
    long expected = index.size();
    if (h.height() != expected) {
      throw corrupt(h.height(), "expected height " + expected);
    }
    if (!Arrays.equals(block.computeTxRoot(), h.txRoot())
        || h.txCount() != block.transactions().size()) {
      throw corrupt(h.height(), "transaction root or count does not match the transactions");
    }
    Map<String, StateEntry> writes;
    if (h.height() == 0) {
      writes = genesis(block);
    } else {
      if (!Arrays.equals(h.prev(), index.last().hash())) {
        throw corrupt(h.height(), "prev does not match the hash of block " + (h.height() - 1));
      }
      if (h.treasury() != null) {
        throw corrupt(h.height(), "only genesis names a treasury");
      }
      Overlay overlay = new Overlay(state);
      for (Transaction tx : block.transactions()) {
        try {
          machine.apply(tx, overlay, h.height(), h.timeMillis());
        } catch (LedgerException e) {
          throw corrupt(h.height(), "transaction " + tx.idHex() + " is refused: " + e.code());
        }
      }
      writes = overlay.writes();
    }
    byte[] root = state.stage(writes);
    if (!Arrays.equals(root, h.stateRoot())) {
      throw corrupt(
          h.height(),
          "state root " + Hashes.hex(root) + " differs from header " + Hashes.hex(h.stateRoot()));
    }
    state.publish(writes);
  }

  private Map<String, StateEntry> genesis(Block block) {
    BlockHeader h = block.header();
    if (h.treasury() == null || !block.transactions().isEmpty()) {
      throw corrupt(0, "genesis names a treasury and holds no transactions");
    }
    if (!Arrays.equals(h.prev(), new byte[32])) {
      throw corrupt(0, "genesis has no previous block");
    }
    genesis = new Genesis(h.treasury(), h.sequencer());
    machine = new StateMachine(ops, h.treasury(), h.sequencer());
    Map<String, StateEntry> writes = new TreeMap<>();
    writes.put(Genesis.KEY, genesis);
    writes.put(Supply.KEY, new Supply(0));
    return writes;
  }

  /** Adds an applied (or freshly written genesis) block to the index. */
  void adopt(Block block, long offset) {
    if (block.height() == 0 && genesis == null) {
      genesis = new Genesis(block.header().treasury(), block.header().sequencer());
    }
    List<byte[]> ids = new ArrayList<>(block.transactions().size());
    block.transactions().forEach(tx -> ids.add(tx.id()));
    index.add(new ChainIndex.Meta(block.header(), block.hash(), block.signature(), offset), ids);
  }

  private static LedgerException corrupt(long height, String why) {
    return new LedgerException(LedgerException.CORRUPT_CHAIN, "block " + height + ": " + why);
  }

  public StateStore state() {
    return state;
  }

  public ChainIndex index() {
    return index;
  }

  public DidKey treasury() {
    return genesis.treasury();
  }

  public DidKey sequencer() {
    return genesis.sequencer();
  }
}
