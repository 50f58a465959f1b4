package io.msec.node.cli;

import io.msec.node.bench.IngestBench;
import io.msec.node.bench.LoadPlan;
import io.msec.node.bench.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code msec bench ingest}: sustained signed-reading ingestion against Mosquitto as a peer. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Drive N simulated devices over MQTT on loopback into a fresh node and report accepted",
      "readings/s and publish-to-stored latency; then the same load through Mosquitto",
      "(publish to subscribe, no signatures) and our throughput as a ratio of it."
    })
public final class BenchIngestCommand implements Callable<Integer> {
  @Option(
      names = "--devices",
      defaultValue = "100",
      description = "Devices (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(
      names = "--rate",
      defaultValue = "50",
      description = "Readings per second per device (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--seconds",
      defaultValue = "20",
      description = "Measured seconds (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--batch",
      defaultValue = "10",
      description = "Readings per signed batch; 1 signs each reading (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--no-peer", description = "Skip the Mosquitto run.")
  boolean noPeer;

  @Override
  public Integer call() throws Exception {
    LoadPlan plan = new LoadPlan(devices, rate, seconds, batch);
    Path work = Files.createTempDirectory("msec-bench-ingest");
    System.out.printf(
        Locale.ROOT,
        "load: %d devices x %.1f readings/s = %.0f readings/s offered for %d s, batch %d%n",
        devices,
        rate,
        plan.offeredReadingsPerSecond(),
        seconds,
        batch);
    RunResult ours;
    IngestBench bench = new IngestBench(plan, work);
    try (ConsoleProgress progress = new ConsoleProgress()) {
      ours = bench.run(progress);
    }
    print("m-sec (signed, verified, stored)", ours);
    System.out.println("  store: " + bench.storeTimes());
    if (noPeer) {
      return 0;
    }
    RunResult peer;
    try (ConsoleProgress progress = new ConsoleProgress()) {
      peer = new IngestBench(plan, work).runPeer(progress);
    }
    print("mosquitto (publish to subscribe)", peer);
    System.out.printf(
        Locale.ROOT,
        "ratio: m-sec sustained %.2f of mosquitto's throughput%n",
        ours.readingsPerSecond() / peer.readingsPerSecond());
    return 0;
  }

  private static void print(String name, RunResult r) {
    System.out.printf(
        Locale.ROOT,
        "%-34s %9.0f readings/s  p50 %7.1f ms  p99 %7.1f ms  failed %d%n",
        name,
        r.readingsPerSecond(),
        r.p50Millis(),
        r.p99Millis(),
        r.failed());
  }
}
