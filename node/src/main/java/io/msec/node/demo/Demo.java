package io.msec.node.demo;

import io.msec.core.MsecException;
import io.msec.device.replay.Dataset;
import io.msec.device.replay.DatasetMapping;
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
 * hand, replayed fast as signed readings over MQTT, a few forged readings refused, a summary
 * computed from what the node stored, the ledger, and the marketplace on that data ({@link
 * MarketScenario}): a stretch of one room's readings is held back from the replay and played live
 * to a ventilation agent that bought the room's stream.
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
  private LiveSlice slice;
  private String sliceDataset;

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
  /** Marks a folder as the demo's own, which the next run may empty. */
  static final String MARK = ".msec-demo";

  /** What a run writes at the top of its folder. */
  private static final java.util.Set<String> WRITES =
      java.util.Set.of("node", "devices", "head.json", "proof.json");

  public Node run() throws IOException {
    emptyOwnFolder(workDir);
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
      if (slice != null) {
        out.printf(
            "  (%s: its last %d readings are not in these counts yet; the market part plays"
                + " them)%n",
            slice.name(), slice.heldBack());
      }
      LedgerReport.print(node, workDir, out);
      new MarketScenario(node, workDir.resolve("devices"), slice, sliceDataset, quiet, out).run();
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
    ReplayOptions options =
        ReplayOptions.of(dataset)
            .withNode(URI.create(node.httpUrl()))
            .withStateDir(workDir.resolve("devices").resolve(stateName(dataset)))
            .withSpeed(speed)
            // The citizen sensors sign each reading; the building's gateways sign batches.
            .withBatch(dataset.startsWith("bundled:") ? 1 : 50)
            .withQuiet(quiet);
    ReplaySummary summary =
        dataset.startsWith("bundled:") || slice != null
            ? Replayer.run(options)
            : replayHoldingBack(dataset, options);
    out.println(summary.describe());
  }

  /**
   * Replays a room dataset, holding back a stretch of one room's readings for the ventilation agent
   * when the dataset has one (the first such dataset only).
   */
  private ReplaySummary replayHoldingBack(String folder, ReplayOptions options) {
    String name = stateName(folder);
    DatasetMapping mapping =
        DatasetMapping.shipped(name)
            .orElseThrow(() -> new MsecException("no-mapping", "no mapping shipped for " + name));
    Dataset data = Dataset.read(Path.of(folder), mapping);
    LiveSlice found =
        LiveSlice.find(data, MarketScenario.THRESHOLD_PPM, MarketScenario.HYSTERESIS_PPM)
            .orElse(null);
    if (found == null) {
      return Replayer.replay(data, options);
    }
    slice = found;
    sliceDataset = name;
    out.printf(
        "holding back the last %d readings of %s (from seq %d): %d to play live to the"
            + " ventilation agent, then the rest%n",
        found.heldBack(), found.name(), found.firstSeq(), found.size());
    return Replayer.replay(found.before(), options);
  }

  private static String stateName(String dataset) {
    return Path.of(dataset.replace("bundled:", "")).getFileName().toString();
  }

  /**
   * Empties the demo's folder from its last run, then marks it as the demo's. A folder that holds
   * anything without that mark is someone else's, and is left as it is.
   */
  static void emptyOwnFolder(Path dir) throws IOException {
    Path mark = dir.resolve(MARK);
    if (Files.isDirectory(dir) && !Files.exists(mark)) {
      // A folder of a run from before the mark holds only what the demo writes.
      try (Stream<Path> entries = Files.list(dir)) {
        if (!entries.allMatch(p -> WRITES.contains(p.getFileName().toString()))) {
          throw new MsecException(
              "work-dir-in-use",
              "the folder "
                  + dir.toAbsolutePath()
                  + " holds files the demo did not make; give --work-dir a new or empty folder");
        }
      }
    } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new MsecException(
          "work-dir-in-use",
          dir.toAbsolutePath() + " is a file, not a folder; give --work-dir one");
    }
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
    Files.createDirectories(dir);
    Files.writeString(mark, "M-Sec demo folder: emptied at the start of every demo run\n");
  }
}
