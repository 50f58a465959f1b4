package io.msec.node.bench;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.msec.core.MsecException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The peer of the ingest benchmark: the same load published to Mosquitto (Debian's package) and
 * counted when a subscriber receives it, so publish to subscribe with no signature work and no
 * storage. A run against it shows what MQTT alone costs on this machine.
 */
final class MosquittoPeer {
  private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

  private MosquittoPeer() {}

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  static RunResult run(
      LoadPlan plan, List<byte[][]> payloads, Path workDir, IngestBench.Progress progress)
      throws Exception {
    if (!available()) {
      throw new MsecException(
          "peer-missing",
          "Mosquitto is not installed: apt-get install mosquitto (or pass --no-peer)");
    }
    int port = freePort();
    Files.createDirectories(workDir);
    Path conf = workDir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        "listener "
            + port
            + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
            + "max_inflight_messages 0\nmax_queued_messages 0\n",
        StandardCharsets.US_ASCII);
    Process broker =
        new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("mosquitto.log").toFile())
            .start();
    try {
      waitForPort(port);
      return measure(plan, payloads, port, progress);
    } finally {
      broker.destroy();
      broker.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static RunResult measure(
      LoadPlan plan, List<byte[][]> payloads, int port, IngestBench.Progress progress)
      throws InterruptedException {
    List<String> topics = new ArrayList<>();
    List<Mqtt5AsyncClient> publishers = new ArrayList<>();
    for (int i = 0; i < plan.devices(); i++) {
      topics.add("bench/" + i);
      publishers.add(client("pub-" + i, port));
    }
    MqttLoad load = new MqttLoad(publishers, topics, payloads, plan.batch(), plan);
    AtomicIntegerArray received = new AtomicIntegerArray(plan.devices());
    Mqtt5AsyncClient subscriber = client("sub", port);
    subscriber.publishes(
        MqttGlobalPublishFilter.SUBSCRIBED,
        p -> {
          int i = Integer.parseInt(p.getTopic().toString().substring(6));
          load.complete(i, received.getAndIncrement(i));
        });
    CompletableFuture.allOf(
            publishers.stream().map(Mqtt5AsyncClient::connect).toArray(CompletableFuture[]::new))
        .join();
    subscriber.connect().join();
    subscriber.subscribeWith().topicFilter("bench/#").qos(MqttQos.AT_LEAST_ONCE).send().join();
    progress.phase("publishing to mosquitto", (long) plan.devices() * plan.publishesPerDevice());
    RunResult result = load.run(false, progress::step);
    IngestBench.disconnect(publishers);
    subscriber.disconnect().join();
    return result;
  }

  private static Mqtt5AsyncClient client(String id, int port) {
    return Mqtt5Client.builder()
        .identifier(id)
        .serverHost("127.0.0.1")
        .serverPort(port)
        .buildAsync();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new MsecException("peer-start", "Mosquitto did not listen on port " + port);
  }
}
