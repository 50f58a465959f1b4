package io.msec.ledger.internal;

import io.msec.core.DidKey;
import io.msec.core.Hashes;
import io.msec.core.Identity;
import io.msec.core.IoFailures;
import io.msec.core.MerkleTree;
import io.msec.ledger.Block;
import io.msec.ledger.BlockHeader;
import io.msec.ledger.BlockProducer;
import io.msec.ledger.Genesis;
import io.msec.ledger.LedgerConfig;
import io.msec.ledger.LedgerException;
import io.msec.ledger.OperationRegistry;
import io.msec.ledger.Receipt;
import io.msec.ledger.SignedHead;
import io.msec.ledger.Supply;
import io.msec.ledger.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's copy of the ledger: the block log, the chain index and the state, rebuilt by replay
 * at open. It produces blocks for the sequencer: signatures verified in parallel, transactions
 * applied in order, the block appended and synced before anything is reported.
 */
public final class Replica implements BlockProducer, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Replica.class);
  public static final String LOG_FILE = "blocks.log";

  private final Identity sequencer;
  private final Clock clock;
  private final StateStore state;
  private final StateMachine machine;
  private final ChainIndex index;
  private final BlockLog log;
  private final ParallelVerifier verifier;
  private volatile boolean failed;
  private volatile SignedHead head;
  // Held while a block's state and index become visible, so that a state proof sees both at once.
  private final java.util.concurrent.locks.ReentrantReadWriteLock published =
      new java.util.concurrent.locks.ReentrantReadWriteLock();

  private Replica(
      Identity sequencer,
      Clock clock,
      ChainReplay replay,
      BlockLog log,
      LedgerConfig config,
      OperationRegistry ops) {
    this.sequencer = sequencer;
    this.clock = clock;
    this.state = replay.state();
    this.index = replay.index();
    this.machine = new StateMachine(ops, replay.treasury(), sequencer.did());
    this.log = log;
    this.verifier = new ParallelVerifier(config.verifyThreads());
  }

  /**
   * Opens the ledger in {@code dataDir}: cuts a torn tail, replays the chain, or writes genesis if
   * there is none.
   *
   * @param treasury the treasury of a new chain; null to open only an existing chain, whatever its
   *     treasury
   * @throws LedgerException {@code genesis-mismatch} if the stored chain has another treasury or
   *     sequencer; {@code corrupt-chain} if an intact record fails replay; {@code not-found} if
   *     {@code treasury} is null and there is no chain
   */
  public static Replica open(
      Path dataDir,
      Identity sequencer,
      DidKey treasury,
      OperationRegistry ops,
      Clock clock,
      LedgerConfig config) {
    if (treasury == null && !Files.isRegularFile(dataDir.resolve(LOG_FILE))) {
      throw new LedgerException(LedgerException.NOT_FOUND, "no ledger in " + dataDir);
    }
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new LedgerException(
          LedgerException.IO, "cannot create " + dataDir + ": " + IoFailures.describe(e), e);
    }
    long started = System.nanoTime();
    ChainReplay replay = new ChainReplay(ops);
    BlockLog log = BlockLog.open(dataDir.resolve(LOG_FILE), replay::accept);
    try {
      if (replay.index().size() == 0 && treasury == null) {
        throw new LedgerException(LedgerException.NOT_FOUND, "no ledger in " + dataDir);
      } else if (replay.index().size() == 0) {
        writeGenesis(replay, log, sequencer, treasury, clock);
      } else if (!replay.treasury().equals(treasury == null ? replay.treasury() : treasury)
          || !replay.sequencer().equals(sequencer.did())) {
        throw new LedgerException(
            LedgerException.GENESIS_MISMATCH,
            dataDir
                + " holds a chain of treasury "
                + replay.treasury()
                + " and sequencer "
                + replay.sequencer());
      }
    } catch (RuntimeException e) {
      log.close();
      throw e;
    }
    LOG.info(
        "recovered ledger dir={} blocks={} txs={} entries={} millis={}",
        dataDir,
        replay.index().size(),
        replay.index().transactionCount(),
        replay.state().size(),
        (System.nanoTime() - started) / 1_000_000);
    return new Replica(sequencer, clock, replay, log, config, ops);
  }

  private static void writeGenesis(
      ChainReplay replay, BlockLog log, Identity sequencer, DidKey treasury, Clock clock) {
    Map<String, io.msec.ledger.StateEntry> initial = new HashMap<>();
    initial.put(Genesis.KEY, new Genesis(treasury, sequencer.did()));
    initial.put(Supply.KEY, new Supply(0));
    byte[] stateRoot = replay.state().stage(initial);
    BlockHeader header =
        new BlockHeader(
            0,
            new byte[32],
            clock.millis(),
            0,
            MerkleTree.root(List.of()),
            stateRoot,
            sequencer.did(),
            treasury);
    Block genesis = Block.seal(header, sequencer, List.of());
    long offset = log.append(BlockCodec.encode(genesis));
    log.sync();
    replay.state().publish(initial);
    replay.adopt(genesis, offset);
    LOG.info("wrote genesis treasury={} sequencer={}", treasury, sequencer.did());
  }

  @Override
  public synchronized List<Outcome> produce(List<Transaction> ordered) {
    if (failed) {
      throw new LedgerException(LedgerException.UNAVAILABLE, "the ledger stopped after a fault");
    }
    ChainIndex.Meta last = index.last();
    long height = last.header().height() + 1;
    long time = Math.max(clock.millis(), last.header().timeMillis());
    Outcome[] outcomes = new Outcome[ordered.size()];
    List<Transaction> fresh = new ArrayList<>(ordered.size());
    List<Integer> freshAt = new ArrayList<>(ordered.size());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      Transaction tx = ordered.get(i);
      Optional<Receipt> done = receipt(tx.id());
      if (done.isPresent()) {
        outcomes[i] = new Outcome(tx, done.get(), null);
      } else if (seen.putIfAbsent(tx.idHex(), i) == null) {
        fresh.add(tx);
        freshAt.add(i);
      }
    }

    boolean[] signed = verifier.verify(fresh);
    Overlay writes = new Overlay(state);
    List<Transaction> accepted = new ArrayList<>(fresh.size());
    List<Integer> acceptedAt = new ArrayList<>(fresh.size());
    for (int k = 0; k < fresh.size(); k++) {
      Transaction tx = fresh.get(k);
      try {
        if (!signed[k]) {
          throw new LedgerException(
              LedgerException.BAD_SIGNATURE, "signature of " + tx.idHex() + " does not verify");
        }
        machine.apply(tx, writes, height, time);
        accepted.add(tx);
        acceptedAt.add(freshAt.get(k));
      } catch (LedgerException e) {
        outcomes[freshAt.get(k)] = new Outcome(tx, null, e);
      }
    }

    logRefusals(outcomes, height);
    if (!accepted.isEmpty()) {
      Block block = seal(accepted, writes, height, time, last);
      for (int k = 0; k < accepted.size(); k++) {
        outcomes[acceptedAt.get(k)] = new Outcome(accepted.get(k), receiptOf(block, k), null);
      }
    }
    for (int i = 0; i < ordered.size(); i++) {
      if (outcomes[i] == null) {
        outcomes[i] = outcomes[seen.get(ordered.get(i).idHex())];
      }
    }
    return List.of(outcomes);
  }

  /** One summary line per block that refused anything, never one per transaction. */
  private static void logRefusals(Outcome[] outcomes, long height) {
    Map<String, Integer> codes = new java.util.TreeMap<>();
    for (Outcome o : outcomes) {
      if (o != null && o.error() != null) {
        codes.merge(o.error().code(), 1, Integer::sum);
      }
    }
    if (!codes.isEmpty()) {
      LOG.warn(
          "refused transactions height={} count={} codes={}",
          height,
          codes.values().stream().mapToInt(Integer::intValue).sum(),
          codes);
    }
  }

  private Block seal(
      List<Transaction> txs, Overlay writes, long height, long time, ChainIndex.Meta last) {
    Block block;
    long offset;
    try {
      byte[] stateRoot = state.stage(writes.writes());
      List<byte[]> leaves = new ArrayList<>(txs.size());
      txs.forEach(tx -> leaves.add(tx.leafHash()));
      BlockHeader header =
          new BlockHeader(
              height,
              last.hash(),
              time,
              txs.size(),
              MerkleTree.root(leaves),
              stateRoot,
              sequencer.did(),
              null);
      block = Block.seal(header, sequencer, txs);
      offset = log.append(BlockCodec.encode(block));
      log.sync();
    } catch (RuntimeException e) {
      // Limitation: after a failed write the ledger refuses all work until it is reopened.
      failed = true;
      LOG.error("stopped writing blocks height={} error={}", height, e.toString());
      throw new LedgerException(LedgerException.UNAVAILABLE, "block write failed: " + e, e);
    }
    List<byte[]> ids = new ArrayList<>(txs.size());
    txs.forEach(tx -> ids.add(tx.id()));
    published.writeLock().lock();
    try {
      state.publish(writes.writes());
      index.add(new ChainIndex.Meta(block.header(), block.hash(), block.signature(), offset), ids);
    } finally {
      published.writeLock().unlock();
    }
    return block;
  }

  private static Receipt receiptOf(Block block, int i) {
    return new Receipt(
        block.transactions().get(i).idHex(),
        block.height(),
        i,
        Hashes.hex(block.hash()),
        block.header().timeMillis());
  }

  /** The receipt of a committed transaction. */
  public Optional<Receipt> receipt(byte[] txId) {
    return index
        .locate(txId)
        .map(
            loc -> {
              ChainIndex.Meta m = index.block(loc.height()).orElseThrow();
              return new Receipt(
                  Hashes.hex(txId),
                  loc.height(),
                  loc.index(),
                  Hashes.hex(m.hash()),
                  m.header().timeMillis());
            });
  }

  /** The stored block at {@code height}. */
  public Optional<Block> block(long height) {
    return index.block(height).map(m -> BlockCodec.decode(log.read(m.offset())));
  }

  /** The head signed by the sequencer, signed again only when the chain grew. */
  public SignedHead head() {
    SignedHead h = head;
    long size;
    synchronized (index) {
      size = index.size();
      if (h != null && h.size() == size) {
        return h;
      }
      ChainIndex.Meta last = index.last();
      h =
          SignedHead.sign(
              size,
              index.chainRoot(),
              last.hash(),
              last.header().stateRoot(),
              last.header().timeMillis(),
              sequencer);
    }
    head = h;
    return h;
  }

  /**
   * The state entries and the signed head of one and the same block, for state proofs.
   *
   * <p>Limitation: copies all entries, O(state size) per proof.
   */
  public StateAtHead stateAtHead() {
    published.readLock().lock();
    try {
      return new StateAtHead(state.entries(), head());
    } finally {
      published.readLock().unlock();
    }
  }

  /** All state entries, sorted by key, and the head whose state root they hash to. */
  public record StateAtHead(Map<String, io.msec.ledger.StateEntry> entries, SignedHead head) {}

  /** Checks {@code tx} names a known operation with well-formed arguments. */
  public void checkWellFormed(Transaction tx) {
    machine.checkWellFormed(tx);
  }

  public StateStore state() {
    return state;
  }

  public ChainIndex index() {
    return index;
  }

  public DidKey treasury() {
    return machine.treasury();
  }

  public DidKey sequencerKey() {
    return sequencer.did();
  }

  @Override
  public void close() {
    verifier.close();
    log.close();
  }
}
