package io.msec.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.msec.core.BatchEnvelope;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Json;
import io.msec.core.MsecException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An embedded HiveMQ CE on 127.0.0.1 with a small extension that plays the node's part of the
 * device protocol: it checks CONNECT passwords (valid for the device's current key, fresh, used
 * once), refuses messages not signed by the device's current key ({@code bad-signature}) and
 * readings whose property {@code reject} is set (reason string {@code out-of-range}), and records
 * the sequence numbers and signer of every publish it lets through. The record survives a restart
 * of the broker, like a node's store.
 */
final class TestBroker implements AutoCloseable {
  final int port;
  final Map<String, List<Long>> received = new ConcurrentHashMap<>();
  final Set<String> passwords = ConcurrentHashMap.newKeySet();
  final List<String> refusedPasswords = new CopyOnWriteArrayList<>();
  final Set<String> bannedDevices = ConcurrentHashMap.newKeySet();

  /** A device's current key, for a device whose key was rotated; otherwise the key is the id. */
  final Map<String, DidKey> currentKeys = new ConcurrentHashMap<>();

  /** The signer of every message let through, by device id, in arrival order. */
  final Map<String, List<DidKey>> signers = new ConcurrentHashMap<>();

  /** The signed payload of every reading let through, by device id, in arrival order. */
  final Map<String, List<JsonNode>> payloads = new ConcurrentHashMap<>();

  private final Path folder;
  private EmbeddedHiveMQ hivemq;

  private static TestBroker shared;

  /** One broker for the whole test run, started on first use and stopped when the JVM exits. */
  static synchronized TestBroker shared() {
    if (shared == null) {
      try {
        TestBroker broker = new TestBroker(Files.createTempDirectory("msec-test-broker-")).start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        broker.stop();
                      } catch (Exception e) {
                        // the JVM is exiting; nothing is left to clean up
                      }
                    }));
        shared = broker;
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the test broker", e);
      }
    }
    return shared;
  }

  TestBroker(Path folder) throws IOException {
    this.folder = folder;
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
    Path conf = Files.createDirectories(folder.resolve("conf"));
    Files.writeString(
        conf.resolve("config.xml"),
        """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
          </listeners>
          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
          <persistence><mode>in-memory</mode></persistence>
        </hivemq>
        """
            .formatted(port));
    Files.createDirectories(folder.resolve("data"));
    Files.createDirectories(folder.resolve("extensions"));
  }

  URI uri() {
    return URI.create("tcp://127.0.0.1:" + port);
  }

  TestBroker start() throws Exception {
    EmbeddedExtension extension =
        EmbeddedExtension.builder()
            .withId("msec-test")
            .withName("msec test node")
            .withVersion("1")
            .withPriority(100)
            .withStartPriority(100)
            .withAuthor("msec")
            .withExtensionMain(new Main())
            .build();
    hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(folder.resolve("conf"))
            .withDataFolder(folder.resolve("data"))
            .withExtensionsFolder(folder.resolve("extensions"))
            .withEmbeddedExtension(extension)
            .withoutLoggingBootstrap()
            .build();
    hivemq.start().get(30, TimeUnit.SECONDS);
    return this;
  }

  void stop() throws Exception {
    if (hivemq != null) {
      hivemq.stop().get(30, TimeUnit.SECONDS);
      hivemq.close();
      hivemq = null;
    }
  }

  /** The sequence numbers received for {@code did}, in arrival order, resends included. */
  List<Long> seqs(DidKey did) {
    return received.getOrDefault(did.toString(), List.of());
  }

  @Override
  public void close() throws Exception {
    stop();
  }

  private final class Main implements ExtensionMain {
    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
      SimpleAuthenticator auth =
          (in, out) -> {
            String user = in.getConnectPacket().getUserName().orElse("");
            String password =
                in.getConnectPacket()
                    .getPassword()
                    .map(b -> StandardCharsets.UTF_8.decode(b.duplicate()).toString())
                    .orElse("");
            if (valid(user, password) && passwords.add(password)) {
              out.authenticateSuccessfully();
            } else {
              refusedPasswords.add(password);
              out.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD);
            }
          };
      Services.securityRegistry().setAuthenticatorProvider(providerInput -> auth);
      PublishInboundInterceptor interceptor =
          (in, out) -> {
            String topic = in.getPublishPacket().getTopic();
            String did = topic.split("/").length > 2 ? topic.split("/")[2] : "";
            JsonNode json = json(in.getPublishPacket().getPayload().orElse(ByteBuffer.allocate(0)));
            if (json == null) {
              out.preventPublishDelivery(AckReasonCode.PAYLOAD_FORMAT_INVALID, "malformed");
              return;
            }
            List<JsonNode> readings =
                json.has("batch") ? list(json.get("batch")) : List.of(json.get("payload"));
            DidKey signer = signer(json, did);
            if (signer == null) {
              out.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "bad-signature");
              return;
            }
            if (readings.stream().anyMatch(r -> r.path("properties").has("reject"))) {
              out.preventPublishDelivery(AckReasonCode.UNSPECIFIED_ERROR, "out-of-range");
              return;
            }
            List<Long> seqs = received.computeIfAbsent(did, k -> new CopyOnWriteArrayList<>());
            readings.forEach(r -> seqs.add(r.get("seq").asLong()));
            payloads.computeIfAbsent(did, k -> new CopyOnWriteArrayList<>()).addAll(readings);
            signers.computeIfAbsent(did, k -> new CopyOnWriteArrayList<>()).add(signer);
          };
      Services.initializerRegistry()
          .setClientInitializer(
              (initializerInput, clientContext) ->
                  clientContext.addPublishInboundInterceptor(interceptor));
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {}
  }

  private boolean valid(String user, String password) {
    try {
      DidKey did = DidKey.parse(user);
      DidKey key = currentKeys.getOrDefault(user, did);
      return !bannedDevices.contains(user)
          && MqttPassword.verify(did, key, password, System.currentTimeMillis(), 300_000);
    } catch (MsecException e) {
      return false;
    }
  }

  /** The message's signer if it is the current key of {@code device} and the signature holds. */
  private DidKey signer(JsonNode message, String device) {
    try {
      DidKey expected = currentKeys.getOrDefault(device, DidKey.parse(device));
      if (message.has("batch")) {
        BatchEnvelope batch = BatchEnvelope.fromJson(message);
        return batch.signer().equals(expected) && batch.verify() ? batch.signer() : null;
      }
      Envelope envelope = Envelope.fromJson(message);
      return envelope.signer().equals(expected) && envelope.verify() ? envelope.signer() : null;
    } catch (MsecException e) {
      return null;
    }
  }

  private static JsonNode json(ByteBuffer payload) {
    try {
      byte[] bytes = new byte[payload.remaining()];
      payload.duplicate().get(bytes);
      return Json.mapper().readTree(bytes);
    } catch (IOException e) {
      return null;
    }
  }

  private static List<JsonNode> list(JsonNode array) {
    java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
