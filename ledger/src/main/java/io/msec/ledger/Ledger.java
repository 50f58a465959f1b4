package io.msec.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Hashes;
import io.msec.core.Identity;
import io.msec.ledger.internal.ChainVerifier;
import io.msec.ledger.internal.EmbeddedSequencer;
import io.msec.ledger.internal.ProofBuilder;
import io.msec.ledger.internal.Replica;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * M-Sec's lightweight ledger: submit signed transactions, read the state, the blocks and proofs.
 * One instance owns its data directory. Thread-safe.
 *
 * <pre>{@code
 * Ledger ledger = Ledger.open(dir, nodeIdentity, treasury.did(), Clock.systemUTC(),
 *     LedgerConfig.defaults());
 * Receipt r = ledger.submit(TransactionBuilder.sign(owner, 1, registerDevice)).join();
 * }</pre>
 *
 * <p>Reads see blocks once they are durable; a read of several entries may straddle two blocks.
 */
public final class Ledger implements AutoCloseable {
  private static final int MAX_CLAIMS = 10_000;

  private final Replica replica;
  private final Sequencer sequencer;
  private final ProofBuilder proofs;
  private final Path dataDir;
  private final OperationRegistry operations;
  private final int verifyThreads;

  /** Ids of transactions submitted through {@link #submitOnce} and not refused. */
  private final java.util.Set<String> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Ledger(
      Path dataDir, Replica replica, Sequencer sequencer, OperationRegistry ops, int threads) {
    this.dataDir = dataDir;
    this.replica = replica;
    this.sequencer = sequencer;
    this.proofs = new ProofBuilder(replica);
    this.operations = ops;
    this.verifyThreads = threads;
  }

  /**
   * Opens the ledger in {@code dataDir} with the standard operations and the embedded sequencer,
   * creating genesis if the directory holds no chain.
   *
   * @throws LedgerException {@code genesis-mismatch}, {@code corrupt-chain} or {@code io}
   */
  public static Ledger open(
      Path dataDir, Identity sequencerKey, DidKey treasury, Clock clock, LedgerConfig config) {
    return open(
        dataDir,
        sequencerKey,
        treasury,
        clock,
        config,
        OperationRegistry.standard(),
        EmbeddedSequencer::new);
  }

  /**
   * Opens the ledger in {@code dataDir} with {@code operations} (e.g. the standard ones and the
   * market's) and the embedded sequencer, creating genesis if the directory holds no chain.
   *
   * @throws LedgerException {@code genesis-mismatch}, {@code corrupt-chain} or {@code io}
   */
  public static Ledger open(
      Path dataDir,
      Identity sequencerKey,
      DidKey treasury,
      Clock clock,
      LedgerConfig config,
      OperationRegistry operations) {
    return open(dataDir, sequencerKey, treasury, clock, config, operations, EmbeddedSequencer::new);
  }

  /**
   * Opens an existing ledger, whatever its treasury, for tools that read it and sign heads (the
   * node must not have it open at the same time).
   *
   * @throws LedgerException {@code not-found} if {@code dataDir} holds no chain; {@code
   *     genesis-mismatch} if {@code sequencerKey} is not the chain's sequencer
   */
  public static Ledger openExisting(Path dataDir, Identity sequencerKey, Clock clock) {
    return openExisting(dataDir, sequencerKey, clock, OperationRegistry.standard());
  }

  /**
   * Like {@link #openExisting(Path, Identity, Clock)}, replaying with {@code operations} (for a
   * chain that holds operations added by other modules, such as the market's).
   */
  public static Ledger openExisting(
      Path dataDir, Identity sequencerKey, Clock clock, OperationRegistry operations) {
    return open(
        dataDir,
        sequencerKey,
        null,
        clock,
        LedgerConfig.defaults(),
        operations,
        EmbeddedSequencer::new);
  }

  /** Opens the ledger with extra operations and another sequencer implementation. */
  public static Ledger open(
      Path dataDir,
      Identity sequencerKey,
      DidKey treasury,
      Clock clock,
      LedgerConfig config,
      OperationRegistry operations,
      Sequencer.Factory sequencers) {
    Replica replica = Replica.open(dataDir, sequencerKey, treasury, operations, clock, config);
    Sequencer sequencer = sequencers.start(replica, clock, config);
    return new Ledger(dataDir, replica, sequencer, operations, config.verifyThreads());
  }

  /**
   * Submits a signed transaction. The future completes with its receipt once its block is synced to
   * disk, or exceptionally with a {@link LedgerException} naming the refusal; a refused transaction
   * changes nothing. Submitting a transaction again yields its first receipt.
   */
  public CompletableFuture<Receipt> submit(Transaction tx) {
    Optional<Receipt> done = replica.receipt(tx.id());
    if (done.isPresent()) {
      return CompletableFuture.completedFuture(done.get());
    }
    try {
      replica.checkWellFormed(tx);
    } catch (LedgerException e) {
      return CompletableFuture.failedFuture(e);
    }
    return sequencer.submit(tx);
  }

  /**
   * A submission's receipt, and whether the same transaction had been submitted before: by this
   * caller, or by another that signed the very same operation with the same nonce.
   */
  public record Submission(Receipt receipt, boolean repeated) {}

  /**
   * Like {@link #submit} but says whether the transaction was seen before. Ed25519 signatures are
   * deterministic, so two clients that sign the same operation with the same nonce make the same
   * transaction: only the first moves anything, and the others learn so here rather than each
   * believing it did.
   */
  public CompletableFuture<Submission> submitOnce(Transaction tx) {
    String id = tx.idHex();
    if (replica.receipt(tx.id()).isPresent() || !claimed.add(id)) {
      return submit(tx).thenApply(r -> new Submission(r, true));
    }
    forgetOldClaims();
    return submit(tx)
        .whenComplete(
            (r, e) -> {
              if (e != null) {
                claimed.remove(id);
              }
            })
        .thenApply(r -> new Submission(r, false));
  }

  /** Committed transactions are known by their receipts; their claims need not stay for ever. */
  private void forgetOldClaims() {
    if (claimed.size() > MAX_CLAIMS) {
      claimed.removeIf(id -> replica.receipt(Hashes.fromHex(id)).isPresent());
    }
  }

  /** Tokens held by {@code account}. */
  public long balance(DidKey account) {
    return account(account).balance();
  }

  public Account account(DidKey account) {
    return replica.state().get(Account.key(account), Account.class).orElse(Account.EMPTY);
  }

  /** The nonce the next transaction of {@code account} must carry. */
  public long nextNonce(DidKey account) {
    return account(account).nonce() + 1;
  }

  public long totalSupply() {
    return replica.state().get(Supply.KEY, Supply.class).map(Supply::total).orElse(0L);
  }

  public DidKey treasury() {
    return replica.treasury();
  }

  public DidKey sequencerKey() {
    return replica.sequencerKey();
  }

  public Optional<Device> device(DidKey id) {
    return replica.state().get(Device.key(id), Device.class);
  }

  /** The key that signs the readings of device {@code id} now, if registered and not revoked. */
  public Optional<DidKey> activeDeviceKey(DidKey id) {
    return device(id).filter(d -> !d.revoked()).map(Device::key);
  }

  /** All anchors of {@code device}, in sequence order. */
  public List<Anchor> anchors(DidKey device) {
    List<Anchor> out = new ArrayList<>();
    replica.state().prefixed(Anchor.prefix(device)).forEach(e -> out.add((Anchor) e));
    return out;
  }

  /** The anchor of {@code device} whose range holds {@code seq}. */
  public Optional<Anchor> anchorCovering(DidKey device, long seq) {
    return proofs.anchorCovering(device, seq);
  }

  /**
   * The state entries whose keys start with {@code prefix} (e.g. {@code offer/}), sorted by key: a
   * snapshot of the durable state, for operations added through the registry.
   */
  public List<StateEntry> entries(String prefix) {
    return replica.state().prefixed(prefix);
  }

  /** Read access to every state entry, for operations added through the registry. */
  public StateView state() {
    return replica.state();
  }

  /** The current head, signed by the sequencer. */
  public SignedHead head() {
    return replica.head();
  }

  /** Height of the last block (0 = genesis only). */
  public long height() {
    return replica.index().size() - 1;
  }

  public Optional<Block> block(long height) {
    return replica.block(height);
  }

  /** A committed transaction by its id (lowercase hex). */
  public Optional<Transaction> transaction(String txId) {
    return receipt(txId).flatMap(r -> block(r.height()).map(b -> b.transactions().get(r.index())));
  }

  /** The receipt of a committed transaction by its id (lowercase hex). */
  public Optional<Receipt> receipt(String txId) {
    byte[] id;
    try {
      id = Hashes.fromHex(txId);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return replica.receipt(id);
  }

  /**
   * A self-contained {@code msec-proof/1} proof that transaction {@code txId} is in the chain under
   * the current head; see {@link ProofChecker}.
   *
   * @throws LedgerException {@code not-found}
   */
  public ObjectNode proveTransaction(String txId) {
    return proofs.transaction(Hashes.fromHex(txId));
  }

  /**
   * A proof that reading {@code seq} of {@code device}, as kept in {@code readings}, was anchored:
   * reading, batch path, anchor transaction, block, chain, signed head.
   *
   * @throws LedgerException {@code not-found} or {@code bad-proof} (store and anchor disagree)
   */
  public ObjectNode proveReading(DidKey device, long seq, ReadingSource readings) {
    return proofs.reading(device, seq, readings);
  }

  /**
   * A self-contained {@code msec-state-proof/1} proof that the state under the current signed head
   * holds {@code key} (e.g. {@code device/<did>}, {@code account/<did>}) with its value; see {@link
   * ProofChecker#checkState}.
   *
   * @throws LedgerException {@code not-found} if there is no such entry
   */
  public ObjectNode proveState(String key) {
    return proofs.state(key);
  }

  /** RFC 9162 consistency proof from the chain of {@code oldSize} blocks to {@code newSize}. */
  public List<byte[]> consistencyProof(long oldSize, long newSize) {
    return proofs.consistency(oldSize, newSize);
  }

  /** Re-checks the whole stored chain; see {@link #verifyChain(Path, VerifyProgress)}. */
  public VerifyReport verifyChain(VerifyProgress progress) {
    return ChainVerifier.verify(dataDir, operations, verifyThreads, progress);
  }

  /**
   * Re-checks a stored chain without opening it for writing: checksums, hash links, block and
   * transaction signatures, transaction roots, and state roots by replay. Names the first bad
   * block.
   */
  public static VerifyReport verifyChain(Path dataDir, VerifyProgress progress) {
    return verifyChain(dataDir, OperationRegistry.standard(), progress);
  }

  /**
   * Like {@link #verifyChain(Path, VerifyProgress)}, replaying with {@code operations} (for a chain
   * that holds operations added by other modules).
   */
  public static VerifyReport verifyChain(
      Path dataDir, OperationRegistry operations, VerifyProgress progress) {
    return ChainVerifier.verify(
        dataDir, operations, Runtime.getRuntime().availableProcessors(), progress);
  }

  /** Commits what is pending, then closes the data directory. */
  @Override
  public void close() {
    sequencer.close();
    replica.close();
  }
}
