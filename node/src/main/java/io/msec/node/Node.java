package io.msec.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.msec.bus.BrokerConfig;
import io.msec.bus.Channels;
import io.msec.bus.MqttBroker;
import io.msec.core.MsecException;
import io.msec.node.api.HttpApi;
import io.msec.node.ingest.Ingestor;
import io.msec.node.ingest.MqttAuth;
import io.msec.node.ingest.NodeGate;
import io.msec.node.ingest.RejectCounters;
import io.msec.node.registry.DeviceRegistry;
import io.msec.node.registry.SqliteDeviceRegistry;
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

  private final DeviceRegistry registry;
  private final ReadingStore store;
  private final Ingestor ingestor;
  private final MqttBroker broker;
  private final HttpApi http;
  private final ScheduledExecutorService housekeeping;

  private Node(
      DeviceRegistry registry,
      ReadingStore store,
      Ingestor ingestor,
      MqttBroker broker,
      HttpApi http,
      ScheduledExecutorService housekeeping) {
    this.registry = registry;
    this.store = store;
    this.ingestor = ingestor;
    this.broker = broker;
    this.http = http;
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
      throw new MsecException("data-dir", "cannot create data dir " + config.dataDir() + ": " + e);
    }
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DeviceRegistry registry =
        SqliteDeviceRegistry.open(config.dataDir().resolve("registry.db"), clock);
    ReadingStore store = SqliteReadingStore.open(config.dataDir().resolve("readings.db"));
    Channels<StoredReading> live = new Channels<>();
    RejectCounters rejects = new RejectCounters(metrics);
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
              config, new HttpApi.Parts(registry, store, ingestor, live, metrics, broker.uri()));
    } catch (RuntimeException e) {
      ingestor.close();
      store.close();
      registry.close();
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
        "node started http={} mqtt={} dataDir={} devices={} readings={}",
        http.url(),
        broker.uri(),
        config.dataDir(),
        registry.list().size(),
        store.count());
    return new Node(registry, store, ingestor, broker, http, housekeeping);
  }

  public String httpUrl() {
    return http.url();
  }

  public String mqttUri() {
    return broker.uri();
  }

  public DeviceRegistry registry() {
    return registry;
  }

  public ReadingStore store() {
    return store;
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
    store.close();
    registry.close();
    LOG.info("node stopped");
  }
}
