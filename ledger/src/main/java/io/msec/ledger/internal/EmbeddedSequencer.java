package io.msec.ledger.internal;

import io.msec.ledger.BlockProducer;
import io.msec.ledger.LedgerConfig;
import io.msec.ledger.LedgerException;
import io.msec.ledger.Receipt;
import io.msec.ledger.Sequencer;
import io.msec.ledger.Transaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process sequencer: one thread takes transactions in arrival order and cuts a block when
 * {@code maxBlockTransactions} are pending or {@code blockIntervalMillis} passed (on the injected
 * clock) since the oldest pending one arrived. Transactions that arrive while a block is being
 * written wait for the next one, so a loaded ledger syncs once per block (group commit). Signatures
 * are verified by a pool as transactions arrive, overlapping with the apply and sync of the block
 * before; the producer then finds them verified.
 *
 * <p>Limitation: the queue is unbounded; a caller that submits faster than blocks are written must
 * bound its own in-flight transactions.
 */
public final class EmbeddedSequencer implements Sequencer {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSequencer.class);
  private static final long POLL_MILLIS = 2;

  private record Pending(Transaction tx, long arrivedMillis, CompletableFuture<Receipt> result) {}

  private final BlockProducer producer;
  private final Clock clock;
  private final LedgerConfig config;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<Receipt>> inFlight = new ConcurrentHashMap<>();
  private final Thread thread;
  private final ExecutorService verifiers;
  private volatile boolean running = true;

  public EmbeddedSequencer(BlockProducer producer, Clock clock, LedgerConfig config) {
    this.producer = producer;
    this.clock = clock;
    this.config = config;
    this.verifiers =
        Executors.newFixedThreadPool(
            config.verifyThreads(),
            r -> {
              Thread t = new Thread(r, "ledger-preverify");
              t.setDaemon(true);
              return t;
            });
    this.thread = new Thread(this::loop, "ledger-sequencer");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public CompletableFuture<Receipt> submit(Transaction tx) {
    if (!running) {
      return CompletableFuture.failedFuture(
          new LedgerException(LedgerException.UNAVAILABLE, "the sequencer is closed"));
    }
    CompletableFuture<Receipt> mine = new CompletableFuture<>();
    CompletableFuture<Receipt> earlier = inFlight.putIfAbsent(tx.idHex(), mine);
    if (earlier != null) {
      return earlier;
    }
    queue.add(new Pending(tx, clock.millis(), mine));
    try {
      verifiers.execute(tx::verifySignature);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing: the producer verifies whatever is still pending
    }
    if (!thread.isAlive()) {
      failLeftovers();
    }
    return mine;
  }

  private void loop() {
    List<Pending> pending = new ArrayList<>();
    while (running || !queue.isEmpty() || !pending.isEmpty()) {
      try {
        if (pending.isEmpty()) {
          Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          pending.add(first);
        }
        queue.drainTo(pending, config.maxBlockTransactions() - pending.size());
        if (due(pending)) {
          cut(pending);
          pending = new ArrayList<>();
        } else {
          Pending next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
          if (next != null) {
            pending.add(next);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    queue.drainTo(pending);
    LedgerException closed = new LedgerException(LedgerException.UNAVAILABLE, "sequencer closed");
    pending.forEach(p -> fail(p, closed));
  }

  private boolean due(List<Pending> pending) {
    return pending.size() >= config.maxBlockTransactions()
        || !running
        || clock.millis() - pending.get(0).arrivedMillis() >= config.blockIntervalMillis();
  }

  private void cut(List<Pending> pending) {
    List<Transaction> txs = new ArrayList<>(pending.size());
    pending.forEach(p -> txs.add(p.tx()));
    List<BlockProducer.Outcome> outcomes;
    try {
      outcomes = producer.produce(txs);
    } catch (LedgerException e) {
      pending.forEach(p -> fail(p, e));
      return;
    } catch (RuntimeException e) {
      LOG.error("block production failed txs={} error={}", txs.size(), e.toString());
      LedgerException wrapped =
          new LedgerException(LedgerException.UNAVAILABLE, "block production failed: " + e, e);
      pending.forEach(p -> fail(p, wrapped));
      return;
    }
    for (int i = 0; i < pending.size(); i++) {
      Pending p = pending.get(i);
      BlockProducer.Outcome o = outcomes.get(i);
      inFlight.remove(p.tx().idHex(), p.result());
      if (o.committed()) {
        p.result().complete(o.receipt());
      } else {
        p.result().completeExceptionally(o.error());
      }
    }
  }

  /** Fails what was queued after the sequencing thread stopped. */
  private void failLeftovers() {
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    LedgerException closed = new LedgerException(LedgerException.UNAVAILABLE, "sequencer closed");
    left.forEach(p -> fail(p, closed));
  }

  private void fail(Pending p, LedgerException e) {
    inFlight.remove(p.tx().idHex(), p.result());
    p.result().completeExceptionally(e);
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    verifiers.shutdownNow();
  }
}
