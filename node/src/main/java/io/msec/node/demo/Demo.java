package io.msec.node.demo;

import io.msec.device.replay.ReplayOptions;
import io.msec.device.replay.ReplaySummary;
import io.msec.device.replay.Replayer;
import io.msec.device.replay.Speed;
import io.msec.node.Node;
import io.msec.node.NodeConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The demo: a fresh node, the bundled citizen PM data plus the room CO2 datasets when they are at
 * hand, replayed fast as signed readings over MQTT, a few forged readings refused, and a summary
 * computed from what the node stored.
 */
public final class Demo {
  /** Datasets replayed from the shared data folder when it exists, in this order. */
  static final List<String> ROOM_DATASETS =
      List.of("occupancy-detection-uci", "smart-building-rooms-co2");

  private final Path workDir;
  private final Path sharedData;
  private final int httpPort;
  private final int mqttPort;
  private final Speed speed;
  private final boolean quiet;
  private final PrintStream out;

  public Demo(
      Path workDir,
      Path sharedData,
      int httpPort,
      int mqttPort,
      Speed speed,
      boolean quiet,
      PrintStream out) {
    this.workDir = workDir;
    this.sharedData = sharedData;
    this.httpPort = httpPort;
    this.mqttPort = mqttPort;
    this.speed = speed;
    this.quiet = quiet;
    this.out = out;
  }

  /** Starts the node and replays everything; the caller closes the returned node. */
  public Node run() throws IOException {
    deleteQuietly(workDir);
    Node node =
        Node.start(
            NodeConfig.defaults(workDir.resolve("node")).withPorts(httpPort, mqttPort),
            Clock.systemUTC());
    try {
      out.println("node: " + node.httpUrl() + "  mqtt: " + node.mqttUri());
      for (String dataset : datasets()) {
        replay(node, dataset);
      }
      Forgeries.attempt(node, out);
      DemoReport.print(node, out);
      LedgerReport.print(node, workDir, out);
      return node;
    } catch (RuntimeException | IOException e) {
      node.close();
      throw e;
    }
  }

  private List<String> datasets() {
    List<String> out = new ArrayList<>();
    out.add("bundled:luftdaten-aberdeen-pm");
    for (String name : ROOM_DATASETS) {
      Path folder = sharedData.resolve(name);
      if (Files.isDirectory(folder)) {
        out.add(folder.toString());
      } else {
        this.out.println(
            "note: "
                + name
                + " not found under "
                + sharedData.toAbsolutePath().normalize()
                + " (--shared-data); its rooms are left out");
      }
    }
    return out;
  }

  private void replay(Node node, String dataset) {
    out.println("replaying " + dataset + " ...");
    ReplaySummary summary =
        Replayer.run(
            ReplayOptions.of(dataset)
                .withNode(URI.create(node.httpUrl()))
                .withStateDir(workDir.resolve("devices").resolve(stateName(dataset)))
                .withSpeed(speed)
                // The citizen sensors sign each reading; the building's gateways sign batches.
                .withBatch(dataset.startsWith("bundled:") ? 1 : 50)
                .withQuiet(quiet));
    out.println(summary.describe());
  }

  private static String stateName(String dataset) {
    return Path.of(dataset.replace("bundled:", "")).getFileName().toString();
  }

  private static void deleteQuietly(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
