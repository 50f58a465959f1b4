package io.msec.device;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientDisconnectedContext;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.msec.core.BatchEnvelope;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.device.internal.MqttTransport;
import io.msec.device.internal.Outbox;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's connection to a node: signs readings and publishes them over MQTT 5 with QoS 1 on
 * {@code msec/devices/<did>/readings}, authenticating as docs/protocol.md says with a fresh
 * password at every (re)connect. Messages stay in an in-memory outbox until the node answers with a
 * PUBACK; after a lost connection the client reconnects with exponential backoff and sends them
 * again, oldest first, so that the node stores every reading exactly once. A PUBACK with a failure
 * code is final and completes the returned future with that code. Thread safe.
 *
 * <pre>{@code
 * try (DeviceClient client = DeviceClient.connect(URI.create("tcp://127.0.0.1:1883"), id)) {
 *   PublishResult r = client.publish(reading).join();
 * }
 * }</pre>
 */
public final class DeviceClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceClient.class);

  /** The largest payload a node accepts (docs/protocol.md). */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

  private final DidKey id;
  private final Identity key;
  private final DeviceOptions options;
  private final Mqtt5AsyncClient mqtt;
  private final Outbox outbox;
  private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
  private volatile boolean closed;
  private volatile boolean everConnected;

  private DeviceClient(URI broker, DidKey id, Identity key, DeviceOptions options) {
    this.id = id;
    this.key = key;
    this.options = options;
    String topic = topic(id);
    this.mqtt =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier(clientId(id))
            .serverHost(broker.getHost())
            .serverPort(broker.getPort() > 0 ? broker.getPort() : 1883)
            .addConnectedListener(this::connected)
            .addDisconnectedListener(this::disconnected)
            .buildAsync();
    this.outbox =
        new Outbox(id.toString(), new MqttTransport(mqtt, topic), options.initialBackoff());
  }

  /** Connects with {@link DeviceOptions#defaults()}. */
  public static DeviceClient connect(URI broker, Identity identity) {
    return connect(broker, identity, DeviceOptions.defaults());
  }

  /**
   * Connects to the MQTT broker at {@code broker} ({@code tcp://host:port}) as the device whose id
   * and key are {@code identity} (a device whose key was never rotated) and waits for the first
   * connection.
   *
   * @throws MsecException {@code connect-refused} if the node refuses the device (unknown, revoked,
   *     bad password), {@code node-unreachable} if no connection came within the connect timeout
   */
  public static DeviceClient connect(URI broker, Identity identity, DeviceOptions options) {
    return connect(broker, identity.did(), identity, options);
  }

  /**
   * Connects as device {@code id} (the did it was registered with) that signs with {@code
   * currentKey}, its key since the owner last rotated it, and waits for the first connection. The
   * MQTT user name, the topic and the readings' {@code device} are the id; the CONNECT password and
   * the envelopes are signed by the current key.
   *
   * <pre>{@code
   * api.rotate(owner, id, newKey.did());
   * DeviceClient client = DeviceClient.connect(mqtt, id, newKey, DeviceOptions.defaults());
   * }</pre>
   *
   * @throws MsecException as {@link #connect(URI, Identity, DeviceOptions)}
   */
  public static DeviceClient connect(
      URI broker, DidKey id, Identity currentKey, DeviceOptions options) {
    DeviceClient client = new DeviceClient(broker, id, currentKey, options);
    client.mqtt.connect(client.connectMessage()).whenComplete((ack, error) -> {});
    try {
      client.firstConnect.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return client;
    } catch (ExecutionException e) {
      client.close();
      throw e.getCause() instanceof MsecException m
          ? m
          : new MsecException("node-unreachable", "cannot connect to " + broker, e.getCause());
    } catch (TimeoutException e) {
      client.close();
      throw new MsecException(
          "node-unreachable",
          "no MQTT connection to " + broker + " within " + options.connectTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.close();
      throw new MsecException("interrupted", "interrupted while connecting to " + broker);
    }
  }

  /** The topic a device publishes its readings on. */
  public static String topic(DidKey device) {
    return "msec/devices/" + device + "/readings";
  }

  /** The device's id: the did it was registered with, the MQTT user name. */
  public DidKey did() {
    return id;
  }

  /** The key the device signs with now; its id unless the key was rotated. */
  public DidKey key() {
    return key.did();
  }

  /**
   * Signs {@code reading} as an {@link Envelope} with the current key and publishes it. With {@link
   * DeviceOptions#withSealing sealing} on, an open reading is first sealed with the current epoch's
   * content key, so the signature covers the ciphertext. The future completes when the node
   * answers, with {@link PublishResult#accepted()} false if it refused the reading; it fails only
   * if the client is closed first.
   *
   * @throws MsecException {@code wrong-device} if the reading is not this device's, {@code
   *     too-large} if its envelope exceeds {@link #MAX_PAYLOAD_BYTES}
   */
  public CompletableFuture<PublishResult> publish(Reading reading) {
    checkDevice(reading);
    Envelope envelope = Envelope.sign(key, sealedIfAsked(reading).toJson());
    return enqueue(CanonicalJson.bytes(envelope.toJson()), reading.seq(), reading.seq(), 1);
  }

  /**
   * Signs {@code readings} (of this device, in sequence order) as one {@link BatchEnvelope} and
   * publishes it as one message; the node answers for the whole batch. Sealing applies to each
   * reading as in {@link #publish}.
   */
  public CompletableFuture<PublishResult> publishBatch(List<Reading> readings) {
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("a batch holds at least one reading");
    }
    readings.forEach(this::checkDevice);
    BatchEnvelope batch =
        BatchEnvelope.sign(key, readings.stream().map(r -> sealedIfAsked(r).toJson()).toList());
    return enqueue(
        CanonicalJson.bytes(batch.toJson()),
        readings.get(0).seq(),
        readings.get(readings.size() - 1).seq(),
        readings.size());
  }

  /** Waits until the node answered every message published so far; false on timeout. */
  public boolean flush(Duration timeout) {
    try {
      return outbox.awaitEmpty(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Messages published and not answered yet. */
  public int pending() {
    return outbox.size();
  }

  /** How many messages were sent again after a lost connection. */
  public long resends() {
    return outbox.resends();
  }

  /** True while the MQTT connection is up. */
  public boolean isConnected() {
    return mqtt.getState().isConnected();
  }

  /**
   * Disconnects. Messages not answered yet fail with {@code device-client-closed}; call {@link
   * #flush} first to wait for them.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    outbox.close();
    firstConnect.completeExceptionally(new MsecException("device-client-closed", "closed"));
    if (mqtt.getState().isConnectedOrReconnect()) {
      try {
        mqtt.disconnect().get(2, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        LOG.debug("disconnect did not complete device={} error={}", did(), e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    LOG.debug("device client closed device={}", did());
  }

  private CompletableFuture<PublishResult> enqueue(
      byte[] payload, long firstSeq, long lastSeq, int readings) {
    if (closed) {
      throw new MsecException("device-client-closed", "the device client was closed");
    }
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new MsecException(
          "too-large",
          "message of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_BYTES + "; batch less");
    }
    return outbox.add(payload, firstSeq, lastSeq, readings);
  }

  /** The reading as it is signed: sealed in the current epoch if sealing is on and it is open. */
  private Reading sealedIfAsked(Reading reading) {
    EpochKeys sealing = options.sealing();
    if (sealing == null || reading.isSealed()) {
      return reading;
    }
    EpochKeys.Epoch epoch = sealing.current();
    return reading.seal(epoch.key(), epoch.number());
  }

  private void checkDevice(Reading reading) {
    if (!reading.device().equals(id)) {
      throw new MsecException(
          "wrong-device", "reading of " + reading.device() + " given to client of " + did());
    }
  }

  private Mqtt5Connect connectMessage() {
    String password = MqttPassword.create(id, key, options.clock().millis());
    return Mqtt5Connect.builder()
        .cleanStart(true)
        .sessionExpiryInterval(0)
        .keepAlive((int) options.keepAlive().toSeconds())
        .simpleAuth()
        .username(id.toString())
        .password(password.getBytes(StandardCharsets.UTF_8))
        .applySimpleAuth()
        .build();
  }

  private void connected(MqttClientConnectedContext context) {
    everConnected = true;
    LOG.debug("connected device={} broker={}", did(), context.getClientConfig().getServerAddress());
    outbox.online();
    firstConnect.complete(null);
  }

  private void disconnected(MqttClientDisconnectedContext context) {
    outbox.offline();
    Throwable cause = context.getCause();
    if (closed) {
      context.getReconnector().reconnect(false);
      return;
    }
    if (!everConnected && isRefusal(cause)) {
      context.getReconnector().reconnect(false);
      firstConnect.completeExceptionally(
          new MsecException(
              "connect-refused", "the node refused device " + did() + ": " + cause.getMessage()));
      return;
    }
    // Limitation: a refusal after the first connection (revoked device, clock off by more than
    // five minutes) is retried at the longest backoff for ever.
    long delay = backoffMillis(context.getReconnector().getAttempts());
    if (context.getReconnector().getAttempts() == 0) {
      LOG.warn("disconnected device={} cause={} retryInMs={}", did(), cause.toString(), delay);
    }
    ((Mqtt5ClientDisconnectedContext) context)
        .getReconnector()
        .reconnect(true)
        .connect(connectMessage())
        .delay(delay, TimeUnit.MILLISECONDS);
  }

  private long backoffMillis(int attempts) {
    long initial = Math.max(1, options.initialBackoff().toMillis());
    long max = options.maxBackoff().toMillis();
    long delay = attempts >= 30 ? max : Math.min(max, initial << attempts);
    return delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
  }

  private static boolean isRefusal(Throwable cause) {
    if (cause instanceof Mqtt5ConnAckException e) {
      Mqtt5ConnAckReasonCode code = e.getMqttMessage().getReasonCode();
      return code == Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD
          || code == Mqtt5ConnAckReasonCode.NOT_AUTHORIZED
          || code == Mqtt5ConnAckReasonCode.BANNED;
    }
    return false;
  }

  private static String clientId(DidKey did) {
    String text = did.toString();
    String random = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return "msec-" + text.substring(text.length() - 8) + "-" + random;
  }
}
