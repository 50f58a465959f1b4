package io.msec.ledger.internal;

import io.msec.ledger.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verifies the signatures of a batch on several threads: the calling thread takes one slice, a
 * small pool the others. Order of results matches the input.
 */
public final class ParallelVerifier implements AutoCloseable {
  private static final int MIN_SLICE = 16;

  private final int threads;
  private final ExecutorService pool;

  public ParallelVerifier(int threads) {
    this.threads = threads;
    this.pool =
        threads > 1
            ? Executors.newFixedThreadPool(
                threads - 1,
                r -> {
                  Thread t = new Thread(r, "ledger-verify");
                  t.setDaemon(true);
                  return t;
                })
            : null;
  }

  /** {@code result[i]} is true if the signature of {@code txs.get(i)} verifies. */
  public boolean[] verify(List<Transaction> txs) {
    boolean[] ok = new boolean[txs.size()];
    int slices = Math.min(threads, Math.max(1, txs.size() / MIN_SLICE));
    if (slices <= 1 || pool == null) {
      verifySlice(txs, ok, 0, txs.size());
      return ok;
    }
    int per = (txs.size() + slices - 1) / slices;
    List<Future<?>> futures = new ArrayList<>();
    for (int s = 1; s < slices; s++) {
      int from = s * per;
      int to = Math.min(txs.size(), from + per);
      futures.add(pool.submit(() -> verifySlice(txs, ok, from, to)));
    }
    verifySlice(txs, ok, 0, Math.min(per, txs.size()));
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while verifying signatures", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("signature verification failed", e.getCause());
      }
    }
    return ok;
  }

  private static void verifySlice(List<Transaction> txs, boolean[] ok, int from, int to) {
    for (int i = from; i < to; i++) {
      ok[i] = txs.get(i).verifySignature();
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
