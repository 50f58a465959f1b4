package io.msec.node;

import io.msec.node.chain.AnchorPolicy;
import io.msec.node.ingest.IngestConfig;
import io.msec.node.market.MarketService;
import java.nio.file.Path;

/**
 * How a node runs. Defaults bind everything to loopback.
 *
 * @param dataDir where the node keeps its files (registry, readings, broker state)
 * @param bindAddress address of the HTTP API and the MQTT broker
 * @param httpPort HTTP port, 0 for a free one
 * @param mqttPort MQTT port, 0 for a free one
 * @param ingest ingestion limits
 * @param anchor when readings are anchored on the ledger
 * @param market stream epochs and escrow reconciliation
 */
public record NodeConfig(
    Path dataDir,
    String bindAddress,
    int httpPort,
    int mqttPort,
    IngestConfig ingest,
    AnchorPolicy anchor,
    MarketService.Config market) {

  public NodeConfig {
    checkPort("HTTP", httpPort);
    checkPort("MQTT", mqttPort);
  }

  private static void checkPort(String what, int port) {
    if (port < 0 || port > 65_535) {
      throw new io.msec.core.MsecException(
          "bad-port", what + " port must be 1 to 65535 (or 0 for a free one), was " + port);
    }
  }

  public static NodeConfig defaults(Path dataDir) {
    return new NodeConfig(
        dataDir,
        "127.0.0.1",
        8080,
        1883,
        IngestConfig.defaults(),
        AnchorPolicy.defaults(),
        MarketService.Config.defaults());
  }

  public NodeConfig withPorts(int http, int mqtt) {
    return new NodeConfig(dataDir, bindAddress, http, mqtt, ingest, anchor, market);
  }

  public NodeConfig withAnchor(AnchorPolicy policy) {
    return new NodeConfig(dataDir, bindAddress, httpPort, mqttPort, ingest, policy, market);
  }

  public NodeConfig withMarket(MarketService.Config config) {
    return new NodeConfig(dataDir, bindAddress, httpPort, mqttPort, ingest, anchor, config);
  }
}
