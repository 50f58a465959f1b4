package io.msec.node.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.ledger.Account;
import io.msec.ledger.Ledger;
import io.msec.ledger.Mint;
import io.msec.ledger.Receipt;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.TransactionBuilder;
import io.msec.market.CreateOffer;
import io.msec.market.Product;
import io.msec.market.UsagePolicy;
import io.msec.node.Node;
import io.msec.node.NodeConfig;
import io.msec.node.market.MarketService;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code msec bench market}: the marketplace on a fresh in-process node, driven over HTTP on
 * loopback as remote buyers and a device use it. First purchases end to end (buy, delivery checked
 * by the buyer, settle) with a number of buyers in parallel; then the fan-out of one encrypted
 * stream to many subscribed licensees. The setup (device registration, offers, tokens) goes
 * straight to the node's ledger and is not timed.
 *
 * <pre>{@code
 * MarketBenchResult r = new MarketBench(MarketBench.Options.defaults(), workDir).run(progress);
 * System.out.println(r.toJson());
 * }</pre>
 */
public final class MarketBench {
  /** Tokens one unit of every benchmark offer costs; each buyer is minted exactly this. */
  static final long PRICE = 10;

  /**
   * What to run.
   *
   * @param buyers buyer accounts of the purchase phase, each buying once; 0 skips the phase
   * @param concurrency buyers (and licensees buying) in parallel
   * @param kind what the buyers buy: {@code stream} or {@code history}
   * @param historyReadings readings of the history window each bundle holds
   * @param licensees licensees of the fan-out phase; 0 skips the phase
   * @param readings readings the device publishes in the fan-out phase
   * @param rate readings per second it publishes
   * @param epochSeconds length of a stream epoch on the node
   */
  public record Options(
      int buyers,
      int concurrency,
      Product.Kind kind,
      int historyReadings,
      int licensees,
      int readings,
      double rate,
      int epochSeconds) {
    public Options {
      atLeast("--buyers", buyers, 0);
      atLeast("--concurrency", concurrency, 1);
      atLeast("--history-readings", historyReadings, 1);
      atLeast("--licensees", licensees, 0);
      atLeast("--readings", readings, 1);
      atLeast("--epoch", epochSeconds, 1);
      if (kind != Product.Kind.STREAM && kind != Product.Kind.HISTORY) {
        throw new IllegalArgumentException(
            "--kind is stream or history, was " + (kind == null ? null : kind.json()));
      }
      if (!(rate > 0 && rate <= 10_000)) {
        throw new IllegalArgumentException("--rate is above 0 and at most 10000, was " + rate);
      }
      if (buyers == 0 && licensees == 0) {
        throw new IllegalArgumentException("--buyers and --licensees are both 0: nothing to run");
      }
    }

    public static Options defaults() {
      return new Options(200, 16, Product.Kind.STREAM, 20, 100, 300, 20, 60);
    }

    private static void atLeast(String option, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(option + " is at least " + min + ", was " + value);
      }
    }

    ObjectNode toJson() {
      return Json.mapper()
          .createObjectNode()
          .put("buyers", buyers)
          .put("concurrency", concurrency)
          .put("kind", kind.json())
          .put("historyReadings", historyReadings)
          .put("licensees", licensees)
          .put("readings", readings)
          .put("rate", rate)
          .put("epochSeconds", epochSeconds);
    }
  }

  private final Options options;
  private final Path workDir;

  public MarketBench(Options options, Path workDir) {
    this.options = options;
    this.workDir = workDir;
  }

  /** Runs both phases against a fresh node in {@code workDir} and returns the figures. */
  public MarketBenchResult run(IngestBench.Progress progress) throws Exception {
    double loadBefore = loadAverage();
    NodeConfig config =
        NodeConfig.defaults(workDir.resolve("node"))
            .withPorts(0, 0)
            .withMarket(new MarketService.Config(options.epochSeconds() * 1000L, 2_000));
    try (Node node = Node.start(config, Clock.systemUTC())) {
      MarketBenchHttp http = new MarketBenchHttp(node.httpUrl());
      Ledger ledger = node.ledger();
      Identity provider = Identity.generate();
      Identity sold = Identity.generate();
      Identity streamed = Identity.generate();
      boolean history = options.kind() == Product.Kind.HISTORY && options.buyers() > 0;
      progress.phase("setting up", (history ? options.historyReadings() : 0) + 2);
      TransactionBuilder owner = TransactionBuilder.forAccount(provider, 1);
      commit(ledger.submit(owner.next(registration(sold))));
      commit(ledger.submit(owner.next(registration(streamed))));
      Product bought = history ? history(http, sold, progress) : stream(sold);
      String offer = commit(ledger.submit(owner.next(offer(bought)))).txId();
      String streamOffer = commit(ledger.submit(owner.next(offer(stream(streamed))))).txId();
      List<MarketBenchBuyers.Buyer> buyers = fund(node, options.buyers());
      progress.step((history ? options.historyReadings() : 0) + 1);
      List<MarketBenchBuyers.Buyer> licensees = fund(node, options.licensees());
      progress.step((history ? options.historyReadings() : 0) + 2);

      MarketBenchResult.Purchases purchases = null;
      if (options.buyers() > 0) {
        purchases =
            new MarketBenchBuyers(
                    http, ledger.sequencerKey(), options.kind(), options.historyReadings())
                .run(offer, PRICE, buyers, options.concurrency(), progress);
      }
      MarketBenchResult.FanOut fanOut = null;
      if (options.licensees() > 0) {
        fanOut =
            new MarketBenchFanOut(http, streamed)
                .run(
                    streamOffer,
                    PRICE,
                    licensees,
                    options.concurrency(),
                    options.readings(),
                    options.rate(),
                    progress);
      }
      return new MarketBenchResult(
          options,
          purchases,
          fanOut,
          supply(node),
          Runtime.getRuntime().availableProcessors(),
          loadBefore,
          loadAverage());
    }
  }

  /**
   * A history product for the buyers: first publishes the window's readings over HTTP; the window
   * ends just after the last one.
   */
  private Product history(MarketBenchHttp http, Identity device, IngestBench.Progress progress) {
    Instant from = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    for (int seq = 1; seq <= options.historyReadings(); seq++) {
      http.publish(device, seq, Instant.now(), 400 + seq);
      progress.step(seq);
    }
    Instant to = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    return Product.history(device.did(), from, to);
  }

  private static Product stream(Identity device) {
    return Product.stream(device.did(), Duration.ofDays(1));
  }

  private static CreateOffer offer(Product product) {
    return new CreateOffer(
        product,
        PRICE,
        0,
        0,
        600_000,
        UsagePolicy.forPurposes(MarketBenchHttp.PURPOSE),
        "bench " + product.kind().json(),
        "CO2 and temperature of a benchmark sensor",
        List.of("co2", "bench"));
  }

  private static RegisterDevice registration(Identity device) {
    ObjectNode schema = Json.mapper().createObjectNode();
    schema.putObject("co2").put("unit", "[ppm]").put("min", 0).put("max", 10_000);
    schema.putObject("temperature").put("unit", "Cel").put("min", -40).put("max", 85);
    return new RegisterDevice(device.did(), "bench-sensor", "market bench", null, schema);
  }

  /** {@code n} fresh accounts, each minted the price of one unit by the treasury. */
  private static List<MarketBenchBuyers.Buyer> fund(Node node, int n) {
    Identity treasury = node.keys().treasury();
    TransactionBuilder mints =
        TransactionBuilder.forAccount(treasury, node.ledger().nextNonce(treasury.did()));
    List<MarketBenchBuyers.Buyer> out = new ArrayList<>();
    List<CompletableFuture<Receipt>> minted = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      MarketBenchBuyers.Buyer b = MarketBenchBuyers.Buyer.fresh(1);
      minted.add(node.ledger().submit(mints.next(new Mint(b.id().did(), PRICE))));
      out.add(b);
    }
    minted.forEach(MarketBench::commit);
    return out;
  }

  /** The supply check: every balance plus held escrow against the supply, from the ledger. */
  static MarketBenchResult.Supply supply(Node node) {
    long balances =
        node.ledger().entries("account/").stream().mapToLong(e -> ((Account) e).balance()).sum();
    return new MarketBenchResult.Supply(
        balances, node.market().market().escrowHeld(), node.ledger().totalSupply());
  }

  private static Receipt commit(CompletableFuture<Receipt> submitted) {
    try {
      return submitted.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof MsecException m) {
        throw m;
      }
      throw e;
    }
  }

  /** The value of a finished task, its failure rethrown as it was. */
  static <T> T result(Future<T> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new MsecException("bench-failed", String.valueOf(e.getCause()), e.getCause());
    }
  }

  /** Daemon threads named {@code msec-bench-<name>-<n>}, so a stuck call never holds the JVM. */
  static ThreadFactory daemons(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "msec-bench-" + name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
