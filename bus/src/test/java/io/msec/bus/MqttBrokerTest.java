package io.msec.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttBrokerTest {
  @TempDir static Path dir;
  static MqttBroker broker;
  static final FakeGate GATE = new FakeGate();

  /** Accepts user "dev-a" and "dev-b" with password "secret"; holds ingests until released. */
  static final class FakeGate implements DeviceGate {
    final List<String> ingested = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();
    volatile CompletableFuture<Verdict> pending = CompletableFuture.completedFuture(null);

    @Override
    public Verdict authenticate(String user, byte[] password) {
      boolean ok =
          (("dev-a".equals(user) || "dev-b".equals(user))
              && password != null
              && "secret".equals(new String(password, StandardCharsets.UTF_8)));
      return ok ? Verdict.accept() : Verdict.refuse(Verdict.Kind.NOT_AUTHORIZED, "bad-auth", "no");
    }

    @Override
    public CompletableFuture<Verdict> ingest(String device, String topic, ByteBuffer payload) {
      String text = StandardCharsets.UTF_8.decode(payload).toString();
      if (text.equals("bad")) {
        return CompletableFuture.completedFuture(
            Verdict.refuse(Verdict.Kind.REFUSED, "bad-signature", "signature does not verify"));
      }
      return pending.thenApply(
          v -> {
            ingested.add(device + " " + text);
            return Verdict.accept();
          });
    }

    @Override
    public void refused(String device, Verdict verdict) {
      refused.add(device + " " + verdict.code());
    }
  }

  @BeforeAll
  static void start() {
    broker = MqttBroker.start(BrokerConfig.loopback(0, dir), GATE);
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static Mqtt5BlockingClient connect(String user, String password) {
    Mqtt5BlockingClient client =
        Mqtt5Client.builder()
            .identifier(user + "-" + System.nanoTime())
            .serverHost("127.0.0.1")
            .serverPort(broker.port())
            .simpleAuth()
            .username(user)
            .password(password.getBytes(StandardCharsets.UTF_8))
            .applySimpleAuth()
            .buildBlocking();
    client.connect();
    return client;
  }

  private static Mqtt5PublishResult publish(Mqtt5BlockingClient client, String topic, String text) {
    try {
      return client
          .publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(text.getBytes(StandardCharsets.UTF_8))
          .send();
    } catch (Mqtt5PubAckException refused) {
      return new Acked(refused.getMqttMessage());
    }
  }

  /** The client reports a failure PUBACK as an exception; tests want the PUBACK itself. */
  record Acked(Mqtt5PubAck ack) implements Mqtt5PublishResult.Mqtt5Qos1Result {
    @Override
    public Mqtt5PubAck getPubAck() {
      return ack;
    }

    @Override
    public com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish getPublish() {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.util.Optional<Throwable> getError() {
      return java.util.Optional.empty();
    }
  }

  private static void disconnectQuietly(Mqtt5BlockingClient client) {
    if (client.getState().isConnected()) {
      client.disconnect();
    }
  }

  @Test
  void refusesAClientWithoutValidCredentials() {
    assertThatThrownBy(() -> connect("dev-a", "guess"))
        .isInstanceOf(Mqtt5ConnAckException.class)
        .hasMessageContaining("BAD_USER_NAME_OR_PASSWORD");
  }

  @Test
  void refusesAPublishOnAnotherDevicesTopic() {
    Mqtt5BlockingClient a = connect("dev-a", "secret");
    try {
      Mqtt5PublishResult result = publish(a, Topics.readings("dev-b"), "hello");

      assertThat(((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck().getReasonCode())
          .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
      assertThat(GATE.ingested).noneMatch(s -> s.contains("hello"));
      assertThat(GATE.refused).containsOnlyOnce("dev-a foreign-topic");
    } finally {
      disconnectQuietly(a);
    }
  }

  @Test
  void answersARefusalWithItsReasonCodeAndCode() {
    Mqtt5BlockingClient a = connect("dev-a", "secret");
    try {
      var ack =
          ((Mqtt5PublishResult.Mqtt5Qos1Result) publish(a, Topics.readings("dev-a"), "bad"))
              .getPubAck();

      assertThat(ack.getReasonCode())
          .isEqualTo(Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
      assertThat(ack.getReasonString().map(Object::toString))
          .hasValueSatisfying(s -> assertThat(s).startsWith("bad-signature"));
    } finally {
      a.disconnect();
    }
  }

  @Test
  void sendsThePubackOnlyAfterTheGateHasStoredThePayload() throws Exception {
    CompletableFuture<DeviceGate.Verdict> release = new CompletableFuture<>();
    GATE.pending = release;
    Mqtt5BlockingClient a = connect("dev-a", "secret");
    try {
      var ack =
          a.toAsync()
              .publishWith()
              .topic(Topics.readings("dev-a"))
              .qos(MqttQos.AT_LEAST_ONCE)
              .payload("r1".getBytes(StandardCharsets.UTF_8))
              .send();

      assertThatThrownBy(() -> ack.get(500, TimeUnit.MILLISECONDS))
          .isInstanceOf(java.util.concurrent.TimeoutException.class);
      release.complete(null);
      var result = (Mqtt5PublishResult.Mqtt5Qos1Result) ack.get(10, TimeUnit.SECONDS);
      assertThat(result.getPubAck().getReasonCode().isError()).isFalse();
      assertThat(GATE.ingested).contains("dev-a r1");
    } finally {
      GATE.pending = CompletableFuture.completedFuture(null);
      a.disconnect();
    }
  }

  @Test
  void refusesAnOversizedPayloadWithAReason() {
    Mqtt5BlockingClient a = connect("dev-a", "secret");
    try {
      String big = "x".repeat(BrokerConfig.DEFAULT_MAX_PAYLOAD + 1);
      var ack =
          ((Mqtt5PublishResult.Mqtt5Qos1Result) publish(a, Topics.readings("dev-a"), big))
              .getPubAck();

      assertThat(ack.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID);
      assertThat(GATE.refused).contains("dev-a too-large");
    } finally {
      a.disconnect();
    }
  }
}
