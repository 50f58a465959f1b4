package io.msec.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.Json;
import io.msec.device.replay.ReplayOptions;
import io.msec.device.replay.ReplaySummary;
import io.msec.device.replay.Replayer;
import io.msec.device.replay.Speed;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the node process with SIGKILL in the middle of a replay, restarts it on the same data and
 * ports, lets the devices resume, and finds every reading sent stored exactly once.
 */
class NodeCrashTest {
  @TempDir Path dir;

  private int httpPort;
  private int mqttPort;

  private Process startNode() throws IOException {
    return ChildNode.start(dir.resolve("node"), httpPort, mqttPort, dir.resolve("node.log"));
  }

  private String api() {
    return "http://127.0.0.1:" + httpPort + "/api/v1";
  }

  private long storedReadings() throws Exception {
    return Json.mapper()
        .readTree(TestDevices.get("http://127.0.0.1:" + httpPort + "/health").body())
        .get("readings")
        .asLong();
  }

  @Test
  void everyReadingSentIsStoredExactlyOnceAcrossAKill9() throws Exception {
    httpPort = freePort();
    mqttPort = freePort();
    Process node = startNode();
    try {
      CompletableFuture<ReplaySummary> replay =
          CompletableFuture.supplyAsync(
              () ->
                  Replayer.run(
                      ReplayOptions.of("bundled:luftdaten-aberdeen-pm")
                          .withNode(URI.create("http://127.0.0.1:" + httpPort))
                          .withStateDir(dir.resolve("devices"))
                          .withSpeed(Speed.MAX)
                          .withBatch(5)
                          .withQuiet(true)
                          .withAckTimeout(Duration.ofMinutes(3))));

      await().atMost(Duration.ofMinutes(2)).until(() -> storedReadings() > 1500);
      node.destroyForcibly().waitFor();
      long atKill = countFromDisk();
      node = startNode();
      ReplaySummary summary = replay.get();

      assertThat(atKill).isLessThan(summary.rowsRead());
      assertThat(summary.unanswered()).isZero();
      assertThat(summary.refusedCount()).isZero();
      assertThat(storedReadings()).isEqualTo(summary.rowsRead());
      JsonNode devices = Json.mapper().readTree(TestDevices.get(api() + "/devices").body());
      assertThat(devices).hasSize(summary.devices());
      for (JsonNode d : devices) {
        // Stored once each (the store's key is device and sequence) and without gaps: as many
        // readings as the highest sequence number.
        assertThat(d.get("readings").asLong()).isEqualTo(d.get("lastSeq").asLong());
      }
    } finally {
      node.destroyForcibly().waitFor();
    }
  }

  private long countFromDisk() {
    try (var store =
        io.msec.twin.SqliteReadingStore.open(dir.resolve("node").resolve("readings.db"))) {
      return store.count();
    }
  }

  private static int freePort() throws IOException {
    return ChildNode.freePort();
  }
}
