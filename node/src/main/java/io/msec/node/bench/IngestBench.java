package io.msec.node.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.msec.bus.Topics;
import io.msec.core.BatchEnvelope;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.Reading;
import io.msec.node.Node;
import io.msec.node.NodeConfig;
import io.msec.node.ingest.MqttAuth;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * {@code msec bench ingest}: N simulated devices publish signed readings over real MQTT on loopback
 * to a fresh node; a reading counts once the node has durably stored it (its PUBACK).
 */
public final class IngestBench {
  private final LoadPlan plan;
  private final Path workDir;

  public IngestBench(LoadPlan plan, Path workDir) {
    this.plan = plan;
    this.workDir = workDir;
  }

  /** Readings prepared for one device: its key, its signed payloads, ready to send. */
  record DeviceLoad(Identity device, byte[][] payloads) {}

  /** Runs against a fresh node and returns what it sustained. */
  public RunResult run(Progress progress) throws Exception {
    try (Node node =
        Node.start(
            NodeConfig.defaults(workDir.resolve("node")).withPorts(0, 0), Clock.systemUTC())) {
      Identity owner = Identity.generate();
      List<DeviceLoad> loads = new ArrayList<>();
      progress.phase("registering and signing", plan.devices());
      io.msec.ledger.TransactionBuilder registrations =
          io.msec.ledger.TransactionBuilder.forAccount(owner, node.ledger().nextNonce(owner.did()));
      List<CompletableFuture<?>> registered = new ArrayList<>();
      for (int i = 0; i < plan.devices(); i++) {
        Identity device = Identity.generate();
        registered.add(node.ledger().submit(registrations.next(registration(device, i))));
        loads.add(new DeviceLoad(device, signedPayloads(device)));
        progress.step(i + 1);
      }
      CompletableFuture.allOf(registered.toArray(CompletableFuture[]::new)).join();
      progress.phase("connecting devices", plan.devices());
      List<Mqtt5AsyncClient> clients = connect(loads, URI.create(node.mqttUri()), progress);
      List<String> topics =
          loads.stream().map(l -> Topics.readings(l.device().did().toString())).toList();
      MqttLoad load =
          new MqttLoad(
              clients,
              topics,
              loads.stream().map(DeviceLoad::payloads).toList(),
              plan.batch(),
              plan);
      progress.phase("publishing", plan.devices() * plan.publishesPerDevice());
      RunResult result = load.run(true, progress::step);
      disconnect(clients);
      storeTimes = storeTimes(node);
      return result;
    }
  }

  private String storeTimes = "";

  /** How the durable writes went: transactions and their mean time, from the node's metrics. */
  public String storeTimes() {
    return storeTimes;
  }

  private static String storeTimes(Node node) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    String metrics =
        http.send(
                java.net.http.HttpRequest.newBuilder(URI.create(node.httpUrl() + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    double count = metric(metrics, "msec_ingest_store_seconds_count");
    double sum = metric(metrics, "msec_ingest_store_seconds_sum");
    return String.format(
        java.util.Locale.ROOT,
        "%.0f durable transactions, mean %.1f ms, %.0f readings each",
        count,
        count == 0 ? 0 : sum / count * 1000,
        count == 0 ? 0 : node.store().count() / count);
  }

  private static double metric(String text, String name) {
    return text.lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** The same load published to Mosquitto, publish to subscribe, in a work folder of its own. */
  public RunResult runPeer(Progress progress) throws Exception {
    return MosquittoPeer.run(plan, unsignedCopies(), workDir.resolve("mosquitto"), progress);
  }

  public static boolean peerAvailable() {
    return MosquittoPeer.available();
  }

  /** The same payload sizes and load for the peer broker, without signature work. */
  List<byte[][]> unsignedCopies() {
    Identity device = Identity.generate();
    byte[][] one = signedPayloads(device);
    List<byte[][]> out = new ArrayList<>();
    for (int i = 0; i < plan.devices(); i++) {
      out.add(one);
    }
    return out;
  }

  private byte[][] signedPayloads(Identity device) {
    int n = plan.publishesPerDevice();
    byte[][] out = new byte[n][];
    Instant base = Instant.now().minusSeconds(86_400);
    long seq = 1;
    for (int k = 0; k < n; k++) {
      List<ObjectNode> batch = new ArrayList<>(plan.batch());
      for (int j = 0; j < plan.batch(); j++, seq++) {
        batch.add(
            new Reading(
                    device.did(),
                    seq,
                    base.plusMillis(seq * 10),
                    Map.of(
                        "co2", new Reading.Quantity(400 + (seq % 600), "[ppm]"),
                        "temperature", new Reading.Quantity(20 + (seq % 50) / 10.0, "Cel")),
                    null)
                .toJson());
      }
      Object envelope =
          plan.batch() == 1
              ? Envelope.sign(device, batch.get(0)).toJson()
              : BatchEnvelope.sign(device, batch).toJson();
      out[k] = envelope.toString().getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  private static io.msec.ledger.RegisterDevice registration(Identity device, int i) {
    ObjectNode schema = Json.mapper().createObjectNode();
    schema.putObject("co2").put("unit", "[ppm]").put("min", 0).put("max", 10_000);
    schema.putObject("temperature").put("unit", "Cel").put("min", -40).put("max", 85);
    return new io.msec.ledger.RegisterDevice(
        device.did(), "bench-sensor", "bench " + i, null, schema);
  }

  private static List<Mqtt5AsyncClient> connect(
      List<DeviceLoad> loads, URI broker, Progress progress) {
    List<Mqtt5AsyncClient> clients = new ArrayList<>();
    List<CompletableFuture<?>> connects = new ArrayList<>();
    for (DeviceLoad l : loads) {
      String did = l.device().did().toString();
      long millis = System.currentTimeMillis();
      byte[] sig =
          l.device().sign(MqttAuth.message(did, millis).getBytes(StandardCharsets.US_ASCII));
      String password = millis + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
      Mqtt5AsyncClient c =
          Mqtt5Client.builder()
              .identifier("bench-" + clients.size())
              .serverHost(broker.getHost())
              .serverPort(broker.getPort())
              .simpleAuth()
              .username(did)
              .password(password.getBytes(StandardCharsets.US_ASCII))
              .applySimpleAuth()
              .buildAsync();
      clients.add(c);
      connects.add(c.connect().thenRun(() -> progress.step(clients.size())));
    }
    CompletableFuture.allOf(connects.toArray(CompletableFuture[]::new)).join();
    return clients;
  }

  static void disconnect(List<Mqtt5AsyncClient> clients) {
    CompletableFuture.allOf(
            clients.stream().map(Mqtt5AsyncClient::disconnect).toArray(CompletableFuture[]::new))
        .join();
  }

  /** Progress of the phases, shown to the person running the benchmark. */
  public interface Progress extends IntConsumer {
    void phase(String name, long total);

    void step(long done);

    @Override
    default void accept(int value) {
      step(value);
    }
  }
}
