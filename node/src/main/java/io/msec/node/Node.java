package io.msec.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.msec.bus.BrokerConfig;
import io.msec.bus.Channels;
import io.msec.bus.MqttBroker;
import io.msec.core.IoFailures;
import io.msec.core.MsecException;
import io.msec.ledger.Ledger;
import io.msec.ledger.LedgerConfig;
import io.msec.market.MarketOperations;
import io.msec.node.api.HttpApi;
import io.msec.node.chain.Anchorer;
import io.msec.node.chain.NodeKeys;
import io.msec.node.ingest.Ingestor;
import io.msec.node.ingest.MqttAuth;
import io.msec.node.ingest.NodeGate;
import io.msec.node.ingest.RejectCounters;
import io.msec.node.market.MarketService;
import io.msec.node.market.Reputations;
import io.msec.node.registry.DeviceRegistry;
import io.msec.node.registry.LedgerDeviceRegistry;
import io.msec.twin.ReadingStore;
import io.msec.twin.SqliteReadingStore;
import io.msec.twin.StoredReading;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One M-Sec node: device registry, reading store, ingestion, embedded MQTT broker and HTTP API,
 * wired together and started in dependency order; {@link #close()} stops them in reverse.
 *
 * <pre>{@code
 * try (Node node = Node.start(NodeConfig.defaults(Path.of(".msec/node")), Clock.systemUTC())) {
 *   System.out.println(node.httpUrl());
 * }
 * }</pre>
 */
public final class Node implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final DataDirLock lock;
  private final NodeKeys keys;
  private final Ledger ledger;
  private final Anchorer anchorer;
  private final DeviceRegistry registry;
  private final ReadingStore store;
  private final Ingestor ingestor;
  private final MqttBroker broker;
  private final HttpApi http;
  private final MarketService market;
  private final ScheduledExecutorService housekeeping;

  private Node(
      DataDirLock lock,
      NodeKeys keys,
      Ledger ledger,
      Anchorer anchorer,
      DeviceRegistry registry,
      ReadingStore store,
      Ingestor ingestor,
      MqttBroker broker,
      HttpApi http,
      MarketService market,
      ScheduledExecutorService housekeeping) {
    this.lock = lock;
    this.keys = keys;
    this.ledger = ledger;
    this.anchorer = anchorer;
    this.registry = registry;
    this.store = store;
    this.ingestor = ingestor;
    this.broker = broker;
    this.http = http;
    this.market = market;
    this.housekeeping = housekeeping;
  }

  /**
   * Starts a node on {@code config}.
   *
   * @throws MsecException if a part cannot start (a port in use, an unreadable data dir)
   */
  public static Node start(NodeConfig config, Clock clock) {
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new MsecException(
          "data-dir", "cannot create data dir " + config.dataDir() + ": " + IoFailures.describe(e));
    }
    DataDirLock lock = DataDirLock.acquire(config.dataDir());
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    NodeKeys keys = NodeKeys.loadOrCreate(config.dataDir());
    Ledger ledger =
        Ledger.open(
            config.dataDir().resolve("ledger"),
            keys.node(),
            keys.treasury().did(),
            // Blocks are cut on wall time even when ingestion runs on another clock (tests).
            Clock.systemUTC(),
            LedgerConfig.defaults(),
            MarketOperations.registry());
    DeviceRegistry registry = new LedgerDeviceRegistry(ledger);
    ReadingStore store = SqliteReadingStore.open(config.dataDir().resolve("readings.db"));
    Anchorer anchorer = new Anchorer(ledger, store, keys.node(), config.anchor(), clock, metrics);
    Channels<StoredReading> live = new Channels<>();
    live.subscribe(Ingestor.LIVE_ALL, anchorer::stored);
    anchorer.resume(registry.list().stream().map(d -> d.device()).toList());
    anchorer.start();
    RejectCounters rejects = new RejectCounters(metrics);
    MarketService market =
        MarketService.start(ledger, store, anchorer, config.dataDir(), clock, config.market());
    live.subscribe(Ingestor.LIVE_ALL, market::stored);
    Reputations reputations =
        new Reputations(market.market(), ledger, store, rejects::byReason, clock);
    Ingestor ingestor =
        new Ingestor(registry, store, clock, config.ingest(), live, rejects, metrics);
    MqttBroker broker;
    HttpApi http;
    try {
      broker =
          MqttBroker.start(
              new BrokerConfig(
                  config.bindAddress(),
                  config.mqttPort(),
                  config.dataDir().resolve("broker"),
                  config.ingest().maxPayloadBytes()),
              new NodeGate(new MqttAuth(registry, clock), ingestor));
      http =
          HttpApi.start(
              config,
              new HttpApi.Parts(
                  registry,
                  store,
                  ingestor,
                  live,
                  metrics,
                  broker.uri(),
                  ledger,
                  anchorer,
                  market,
                  reputations));
    } catch (RuntimeException e) {
      ingestor.close();
      market.close();
      anchorer.close();
      store.close();
      registry.close();
      ledger.close();
      lock.close();
      throw e;
    }
    ScheduledExecutorService housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "msec-housekeeping");
              t.setDaemon(true);
              return t;
            });
    housekeeping.scheduleAtFixedRate(rejects::logSummary, 10, 10, TimeUnit.SECONDS);
    LOG.info(
        "node started http={} mqtt={} dataDir={} devices={} readings={} blocks={}",
        http.url(),
        broker.uri(),
        config.dataDir(),
        registry.list().size(),
        store.count(),
        ledger.height() + 1);
    return new Node(
        lock,
        keys,
        ledger,
        anchorer,
        registry,
        store,
        ingestor,
        broker,
        http,
        market,
        housekeeping);
  }

  public String httpUrl() {
    return http.url();
  }

  public String mqttUri() {
    return broker.uri();
  }

  public Ledger ledger() {
    return ledger;
  }

  public NodeKeys keys() {
    return keys;
  }

  public Anchorer anchorer() {
    return anchorer;
  }

  public DeviceRegistry registry() {
    return registry;
  }

  public ReadingStore store() {
    return store;
  }

  public MarketService market() {
    return market;
  }

  public Ingestor ingestor() {
    return ingestor;
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    http.close();
    broker.close();
    ingestor.close();
    ingestor.rejects().logSummary();
    market.close();
    anchorer.close();
    int anchored = anchorer.anchorDue(true);
    store.close();
    registry.close();
    ledger.close();
    LOG.info("node stopped anchoredAtStop={} blocks={}", anchored, ledger.height() + 1);
    lock.close();
  }
}
