package io.msec.node.chain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.MerkleTree;
import io.msec.ledger.AnchorBatch;
import io.msec.ledger.Device;
import io.msec.ledger.Ledger;
import io.msec.ledger.Receipt;
import io.msec.ledger.TransactionBuilder;
import io.msec.twin.ReadingStore;
import io.msec.twin.StoredReading;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors each device's stored readings on the ledger: every {@link AnchorPolicy#everyReadings()}
 * readings, or when the oldest unanchored one has waited {@link AnchorPolicy#maxWait()}, the node
 * submits the RFC 9162 Merkle root over the readings' signed bytes (in sequence order) as an {@code
 * anchor} transaction signed with its own key. A consumer can then prove any stored reading up to a
 * signed block head.
 */
public final class Anchorer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Anchorer.class);

  /** Largest range in one anchor, so that a backlog is anchored in pieces that fit a block. */
  private static final int MAX_RANGE = 5_000;

  private final Ledger ledger;
  private final ReadingStore store;
  private final Identity node;
  private final AnchorPolicy policy;
  private final Clock clock;
  private final Counter anchors;

  /** Devices with stored readings not yet anchored, and when the first of them was seen. */
  private final Map<DidKey, Instant> waiting = new ConcurrentHashMap<>();

  /** The highest sequence this node saw anchored per device, in case ledger reads lag. */
  private final Map<DidKey, Long> anchoredTo = new ConcurrentHashMap<>();

  private long nextNonce;

  private final ScheduledExecutorService timer;

  public Anchorer(
      Ledger ledger,
      ReadingStore store,
      Identity node,
      AnchorPolicy policy,
      Clock clock,
      MeterRegistry metrics) {
    this.ledger = ledger;
    this.store = store;
    this.node = node;
    this.policy = policy;
    this.clock = clock;
    this.anchors = metrics.counter("msec.anchors");
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "msec-anchorer");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the periodic check; also picks up readings stored but not anchored before a restart. */
  public void start() {
    timer.scheduleWithFixedDelay(this::safeRun, 500, 500, TimeUnit.MILLISECONDS);
  }

  /** Told of every accepted reading (on the ingestion writer's thread: must be cheap). */
  public void stored(StoredReading reading) {
    waiting.putIfAbsent(reading.reading().device(), clock.instant());
  }

  /** Notes every device with readings beyond its anchors, e.g. after a restart. */
  public void resume(List<DidKey> devices) {
    for (DidKey d : devices) {
      long anchored = ledger.device(d).map(Device::anchoredTo).orElse(0L);
      if (store.lastSeq(d) > anchored) {
        waiting.putIfAbsent(d, Instant.EPOCH);
      }
    }
  }

  private void safeRun() {
    try {
      anchorDue(false);
    } catch (RuntimeException e) {
      LOG.error("anchoring failed", e);
    }
  }

  /**
   * Anchors what is due now; with {@code all}, everything waiting regardless of the policy.
   *
   * @return the number of anchors committed
   */
  public synchronized int anchorDue(boolean all) {
    Instant now = clock.instant();
    nextNonce = Math.max(nextNonce, ledger.nextNonce(node.did()));
    TransactionBuilder builder = TransactionBuilder.forAccount(node, nextNonce);
    Map<DidKey, Long> ranges = new java.util.HashMap<>();
    Map<DidKey, CompletableFuture<Receipt>> submitted = new java.util.LinkedHashMap<>();
    for (Map.Entry<DidKey, Instant> e : waiting.entrySet()) {
      DidKey device = e.getKey();
      Device entry = ledger.device(device).orElse(null);
      if (entry == null) {
        waiting.remove(device);
        continue;
      }
      long from = Math.max(entry.anchoredTo(), anchoredTo.getOrDefault(device, 0L)) + 1;
      long last = store.lastSeq(device);
      boolean due =
          all
              || last - from + 1 >= policy.everyReadings()
              || !e.getValue().plus(policy.maxWait()).isAfter(now);
      if (last < from) {
        forgetIfCovered(device, last);
      } else if (due) {
        long to = Math.min(last, from + MAX_RANGE - 1);
        AnchorBatch batch = batch(device, from, to);
        if (batch != null) {
          submitted.put(device, ledger.submit(builder.next(batch)));
          ranges.put(device, batch.to());
        }
        forgetIfCovered(device, to);
      }
    }
    int committed = 0;
    boolean refused = false;
    for (Map.Entry<DidKey, CompletableFuture<Receipt>> s : submitted.entrySet()) {
      try {
        s.getValue().join();
        anchoredTo.merge(s.getKey(), ranges.get(s.getKey()), Math::max);
        committed++;
      } catch (RuntimeException e) {
        // Try again on the next round, with the nonce the ledger expects.
        waiting.putIfAbsent(s.getKey(), Instant.EPOCH);
        refused = true;
        LOG.warn("anchor refused device={} error={}", s.getKey(), e.getMessage());
      }
    }
    nextNonce = refused ? 0 : builder.peekNonce();
    anchors.increment(committed);
    if (committed > 0) {
      LOG.debug("anchored batches={}", committed);
    }
    return committed;
  }

  /**
   * Signs {@code op} with the node's key and waits for its block: the one way for other parts of
   * the node (the escrow agent) to act as the node on the ledger without racing the anchorer for
   * the account's nonce.
   *
   * @throws io.msec.ledger.LedgerException if the ledger refuses the transaction
   */
  public synchronized Receipt submitAsNode(io.msec.ledger.Operation op) {
    long nonce = Math.max(nextNonce, ledger.nextNonce(node.did()));
    try {
      Receipt r = ledger.submit(TransactionBuilder.sign(node, nonce, op)).join();
      nextNonce = nonce + 1;
      return r;
    } catch (java.util.concurrent.CompletionException e) {
      nextNonce = 0;
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  /**
   * Stops watching {@code device} unless a reading beyond {@code to} was stored meanwhile; atomic
   * with {@link #stored} for the same device, so no reading is left unanchored.
   */
  private void forgetIfCovered(DidKey device, long to) {
    waiting.computeIfPresent(device, (d, since) -> store.lastSeq(d) > to ? since : null);
  }

  private AnchorBatch batch(DidKey device, long from, long to) {
    List<byte[]> signed = store.signedBytes(device, from, to);
    if (signed.isEmpty()) {
      return null;
    }
    List<byte[]> leaves = new ArrayList<>(signed.size());
    for (byte[] s : signed) {
      leaves.add(MerkleTree.leafHash(s));
    }
    return new AnchorBatch(device, from, to, signed.size(), MerkleTree.root(leaves));
  }

  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
