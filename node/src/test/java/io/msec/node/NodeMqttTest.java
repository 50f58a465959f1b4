package io.msec.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.msec.bus.Topics;
import io.msec.core.Identity;
import io.msec.node.ingest.MqttAuth;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Devices over real MQTT against a real node: who may connect, and where they may publish. */
class NodeMqttTest {
  static final Identity OWNER = Identity.generate();
  static final Identity A = Identity.generate();
  static final Identity B = Identity.generate();
  @TempDir static Path dir;
  static Node node;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.defaults(dir).withPorts(0, 0), Clock.systemUTC());
    for (Identity d : new Identity[] {A, B}) {
      node.registry().register(TestDevices.registration(node.httpUrl() + "/api/v1", OWNER, d));
    }
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static Mqtt5BlockingClient connect(Identity device, String password) {
    URI uri = URI.create(node.mqttUri());
    Mqtt5BlockingClient c =
        Mqtt5Client.builder()
            .identifier("test-" + System.nanoTime())
            .serverHost(uri.getHost())
            .serverPort(uri.getPort())
            .simpleAuth()
            .username(device.did().toString())
            .password(password.getBytes(StandardCharsets.US_ASCII))
            .applySimpleAuth()
            .buildBlocking();
    c.connect();
    return c;
  }

  private static String password(Identity device, long millis) {
    byte[] sig =
        device.sign(
            MqttAuth.message(device.did().toString(), millis).getBytes(StandardCharsets.US_ASCII));
    return millis + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
  }

  @Test
  void storesASignedReadingPublishedByItsDevice() {
    Mqtt5BlockingClient a = connect(A, password(A, System.currentTimeMillis()));
    long before = node.store().count(A.did());
    try {
      a.publishWith()
          .topic(Topics.readings(A.did().toString()))
          .qos(MqttQos.AT_LEAST_ONCE)
          .payload(
              TestDevices.signed(
                  A, TestDevices.reading(A, before + 1, Instant.now(), 640, "[ppm]")))
          .send();

      // The PUBACK came after the durable write: the reading is there without waiting.
      assertThat(node.store().count(A.did())).isEqualTo(before + 1);
    } finally {
      a.disconnect();
    }
  }

  @Test
  void refusesAClientThatCannotProveItsKey() {
    String forged = password(B, System.currentTimeMillis());

    assertThatThrownBy(() -> connect(A, forged))
        .isInstanceOfSatisfying(
            Mqtt5ConnAckException.class,
            e ->
                assertThat(e.getMqttMessage().getReasonCode())
                    .isEqualTo(Mqtt5ConnAckReasonCode.BAD_USER_NAME_OR_PASSWORD));
    assertThat(node.ingestor().rejects().total("unauthenticated")).isPositive();
  }

  @Test
  void refusesAStalePasswordAndAReusedOne() {
    assertThatThrownBy(() -> connect(A, password(A, System.currentTimeMillis() - 600_000)))
        .isInstanceOf(Mqtt5ConnAckException.class);
    String once = password(A, System.currentTimeMillis());
    connect(A, once).disconnect();
    assertThatThrownBy(() -> connect(A, once)).isInstanceOf(Mqtt5ConnAckException.class);
  }

  @Test
  void refusesADevicePublishingOnAnotherDevicesTopic() {
    Mqtt5BlockingClient a = connect(A, password(A, System.currentTimeMillis()));
    long before = node.store().count();
    try {
      byte[] reading =
          TestDevices.signed(A, TestDevices.reading(A, 1_000_000, Instant.now(), 500, "[ppm]"));

      assertThatThrownBy(
              () ->
                  a.publishWith()
                      .topic(Topics.readings(B.did().toString()))
                      .qos(MqttQos.AT_LEAST_ONCE)
                      .payload(reading)
                      .send())
          .isInstanceOfSatisfying(
              Mqtt5PubAckException.class,
              e ->
                  assertThat(e.getMqttMessage().getReasonCode())
                      .isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED));
      assertThat(node.store().count()).isEqualTo(before);
      assertThat(node.ingestor().rejects().total("foreign-topic")).isPositive();
    } finally {
      if (a.getState().isConnected()) {
        a.disconnect();
      }
    }
  }

  @Test
  void refusesAReadingOfAnotherDeviceOnItsOwnTopic() {
    Mqtt5BlockingClient a = connect(A, password(A, System.currentTimeMillis()));
    long before = node.store().count();
    try {
      byte[] readingOfB =
          TestDevices.signed(B, TestDevices.reading(B, 1, Instant.now(), 500, "[ppm]"));

      assertThatThrownBy(
              () ->
                  a.publishWith()
                      .topic(Topics.readings(A.did().toString()))
                      .qos(MqttQos.AT_LEAST_ONCE)
                      .payload(readingOfB)
                      .send())
          .isInstanceOfSatisfying(
              Mqtt5PubAckException.class,
              e ->
                  assertThat(e.getMqttMessage().getReasonString().map(Object::toString))
                      .hasValueSatisfying(s -> assertThat(s).startsWith("wrong-signer")));
      assertThat(node.store().count()).isEqualTo(before);
    } finally {
      a.disconnect();
    }
  }
}
