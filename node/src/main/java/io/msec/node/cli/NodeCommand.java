package io.msec.node.cli;

import io.msec.node.Node;
import io.msec.node.NodeConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code msec node}: runs a node until interrupted. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Run an M-Sec node: MQTT broker, ingestion, twins, HTTP API and dashboard.")
public final class NodeCommand implements java.util.concurrent.Callable<Integer> {
  @Option(
      names = "--data-dir",
      defaultValue = ".msec/node",
      description = "Where the node keeps its files (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      description = "HTTP port, 0 for a free one (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--mqtt-port",
      defaultValue = "1883",
      description = "MQTT port, 0 for a free one (default: ${DEFAULT-VALUE}).")
  int mqttPort;

  @Option(
      names = "--anchor-every",
      defaultValue = "100",
      description = "Anchor a device's readings every N readings (default: ${DEFAULT-VALUE}).")
  int anchorEvery;

  @Option(
      names = "--anchor-wait",
      defaultValue = "10",
      description =
          "...or once its oldest unanchored reading waited this many seconds"
              + " (default: ${DEFAULT-VALUE}).")
  int anchorWaitSeconds;

  @Override
  public Integer call() throws InterruptedException {
    NodeConfig defaults = NodeConfig.defaults(dataDir).withPorts(httpPort, mqttPort);
    NodeConfig config =
        new NodeConfig(
            dataDir,
            bind,
            httpPort,
            mqttPort,
            defaults.ingest(),
            defaults.anchor(),
            defaults.market());
    Node node = Node.start(config, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "msec-shutdown"));
    System.out.println("M-Sec node running");
    System.out.println("  dashboard and API: " + node.httpUrl() + "/");
    System.out.println("  MQTT for devices:  " + node.mqttUri());
    System.out.println("Press Ctrl-C to stop.");
    stopped.await();
    return 0;
  }
}
