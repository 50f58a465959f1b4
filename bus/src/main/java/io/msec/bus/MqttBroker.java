package io.msec.bus;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import io.msec.bus.internal.DeviceExtension;
import io.msec.core.IoFailures;
import io.msec.core.MsecException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's embedded MQTT broker (HiveMQ CE, MQTT 3.1.1 and 5). Devices authenticate through the
 * {@link DeviceGate}, may publish only under their own topic prefix, and get their PUBACK only
 * after the gate has stored what they sent.
 *
 * <pre>{@code
 * try (MqttBroker broker = MqttBroker.start(BrokerConfig.loopback(0, dir), gate)) {
 *   String uri = broker.uri(); // tcp://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class MqttBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttBroker.class);

  private final EmbeddedHiveMQ hivemq;
  private final String bindAddress;
  private final int port;

  private MqttBroker(EmbeddedHiveMQ hivemq, String bindAddress, int port) {
    this.hivemq = hivemq;
    this.bindAddress = bindAddress;
    this.port = port;
  }

  /**
   * Starts the broker and returns once it listens.
   *
   * @throws MsecException {@code broker-start} if it cannot
   */
  public static MqttBroker start(BrokerConfig config, DeviceGate gate) {
    int port = config.port() == 0 ? freePort(config.bindAddress()) : config.port();
    if (config.port() != 0) {
      requireFree(config.bindAddress(), port);
    }
    Path conf = config.workDir().resolve("conf");
    Path data = config.workDir().resolve("data");
    Path extensions = config.workDir().resolve("extensions");
    try {
      Files.createDirectories(conf);
      Files.createDirectories(data);
      Files.createDirectories(extensions);
      Files.writeString(
          conf.resolve("config.xml"),
          configXml(config.bindAddress(), port, config.maxPayloadBytes()),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MsecException("broker-start", "cannot prepare broker folder: " + e, e);
    }
    EmbeddedExtension extension =
        EmbeddedExtension.builder()
            .withId("msec-devices")
            .withName("M-Sec device gate")
            .withVersion("1")
            .withPriority(1000)
            .withExtensionMain(new DeviceExtension(gate, config.maxPayloadBytes()))
            .build();
    EmbeddedHiveMQ hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(data)
            .withExtensionsFolder(extensions)
            .withEmbeddedExtension(extension)
            .withoutLoggingBootstrap()
            .build();
    try {
      hivemq.start().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MsecException("broker-start", "interrupted while starting the MQTT broker", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new MsecException(
          "broker-start",
          "MQTT broker did not start on port " + port + ": " + IoFailures.describe(e),
          e);
    }
    LOG.info("mqtt broker listening address={} port={}", config.bindAddress(), port);
    return new MqttBroker(hivemq, config.bindAddress(), port);
  }

  public int port() {
    return port;
  }

  /** The address devices connect to, e.g. {@code tcp://127.0.0.1:1883}. */
  public String uri() {
    return "tcp://" + bindAddress + ":" + port;
  }

  @Override
  public void close() {
    try {
      hivemq.stop().get(30, TimeUnit.SECONDS);
      hivemq.close();
      LOG.info("mqtt broker stopped port={}", port);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.error("mqtt broker did not stop cleanly port={}", port, e);
    }
  }

  private static String configXml(String bindAddress, int port, int maxPayload) {
    // A packet holds the payload plus topic and properties: leave room so that an oversized
    // payload reaches the gate and is refused with a reason instead of a disconnect.
    int maxPacket = Math.max(maxPayload * 4, 256 * 1024);
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>%s</bind-address>
            </tcp-listener>
          </listeners>
          <mqtt>
            <packets><max-packet-size>%d</max-packet-size></packets>
          </mqtt>
          <persistence><mode>in-memory</mode></persistence>
          <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
        </hivemq>
        """
        .formatted(port, bindAddress, maxPacket);
  }

  /** Says plainly that the port is taken, which the broker itself reports only obscurely. */
  private static void requireFree(String bindAddress, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(
          new java.net.InetSocketAddress(java.net.InetAddress.getByName(bindAddress), port));
    } catch (IOException e) {
      throw new MsecException(
          "broker-start",
          "MQTT port "
              + port
              + " on "
              + bindAddress
              + " is not available ("
              + IoFailures.describe(e)
              + "): is another MQTT broker running? Choose another port with --mqtt-port",
          e);
    }
  }

  private static int freePort(String bindAddress) {
    try (ServerSocket socket =
        new ServerSocket(0, 1, java.net.InetAddress.getByName(bindAddress))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new MsecException(
          "broker-start", "no free port on " + bindAddress + ": " + IoFailures.describe(e), e);
    }
  }
}
