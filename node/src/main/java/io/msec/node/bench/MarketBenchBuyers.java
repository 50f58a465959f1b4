package io.msec.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.ledger.TransactionBuilder;
import io.msec.market.Buy;
import io.msec.market.Product;
import io.msec.market.Settle;
import io.msec.market.crypto.BundleCheck;
import io.msec.market.crypto.BundleReport;
import io.msec.market.crypto.Bundles;
import io.msec.market.crypto.Grant;
import io.msec.market.crypto.RecipientKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The purchase phase of the market benchmark: each buyer buys one unit of an offer, takes delivery
 * and checks it as a remote buyer does, then settles, with a fixed number of buyers in parallel.
 */
final class MarketBenchBuyers {
  /** A funded buyer account with its recipient key and next nonce. */
  record Buyer(Identity id, RecipientKey key, long nonce) {
    static Buyer fresh(long nonce) {
      return new Buyer(Identity.generate(), RecipientKey.generate(), nonce);
    }

    TransactionBuilder transactions() {
      return TransactionBuilder.forAccount(id, nonce);
    }
  }

  private final MarketBenchHttp http;
  private final DidKey sequencer;
  private final Product.Kind kind;
  private final int bundleReadings;
  private final Latencies buy = new Latencies();
  private final Latencies delivery = new Latencies();
  private final Latencies settle = new Latencies();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();

  /**
   * @param sequencer the node's key, against which a buyer checks a bundle's proofs
   * @param bundleReadings readings a history bundle must hold
   */
  MarketBenchBuyers(MarketBenchHttp http, DidKey sequencer, Product.Kind kind, int bundleReadings) {
    this.http = http;
    this.sequencer = sequencer;
    this.kind = kind;
    this.bundleReadings = bundleReadings;
  }

  /** Runs every buyer through one purchase of {@code offer}, {@code concurrency} at a time. */
  MarketBenchResult.Purchases run(
      String offer, long price, List<Buyer> buyers, int concurrency, IngestBench.Progress progress)
      throws InterruptedException {
    progress.phase("purchases (" + kind.json() + ")", buyers.size());
    List<Callable<Void>> work = new ArrayList<>();
    for (Buyer b : buyers) {
      work.add(
          () -> {
            purchase(b, offer, price);
            progress.step(completed.get() + failed.get());
            return null;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, MarketBench.daemons("buyer"));
    long start = System.nanoTime();
    try {
      pool.invokeAll(work);
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new MarketBenchResult.Purchases(
        completed.get(),
        failed.get(),
        firstFailure.get(),
        seconds,
        MarketBenchResult.Step.of(buy),
        MarketBenchResult.Step.of(delivery),
        MarketBenchResult.Step.of(settle));
  }

  private void purchase(Buyer b, String offer, long price) {
    try {
      TransactionBuilder txs = b.transactions();
      var buyTx =
          txs.next(new Buy(offer, MarketBenchHttp.PURPOSE, null, b.key().publicKey(), price));
      long t0 = System.nanoTime();
      String order = http.submit(buyTx);
      long t1 = System.nanoTime();
      takeDelivery(b, order);
      long t2 = System.nanoTime();
      var settleTx = txs.next(new Settle(order));
      long t3 = System.nanoTime();
      http.submit(settleTx);
      long t4 = System.nanoTime();
      buy.add((t1 - t0) / 1000);
      delivery.add((t2 - t1) / 1000);
      settle.add((t4 - t3) / 1000);
      completed.incrementAndGet();
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      String code = e instanceof MsecException m ? m.code() : e.getClass().getSimpleName();
      firstFailure.compareAndSet(null, code + ": " + e.getMessage());
    }
  }

  /** Fetches what the order delivers and checks it; throws unless a buyer would accept it. */
  private void takeDelivery(Buyer b, String order) {
    if (kind == Product.Kind.STREAM) {
      JsonNode grants = json(http.delivery(b.id(), order, "grants"));
      if (grants.isEmpty()) {
        throw new MsecException("bench-no-grant", "order " + order + " delivered no grant");
      }
      for (JsonNode g : grants) {
        Grant.fromJson(g).unwrap(b.key());
      }
      return;
    }
    ObjectNode bundle = Bundles.open(http.delivery(b.id(), order, "bundle"), b.key(), order);
    BundleReport report = BundleCheck.check(bundle, sequencer);
    if (!report.valid()) {
      throw new MsecException(report.failure().reason(), report.failure().message());
    }
    if (report.checked().size() != bundleReadings) {
      throw new MsecException(
          "bench-short-bundle",
          "bundle of order " + order + " holds " + report.checked().size() + " readings");
    }
  }

  private static JsonNode json(byte[] body) {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new MsecException("bench-malformed", "grants are not JSON: " + e.getMessage(), e);
    }
  }
}
