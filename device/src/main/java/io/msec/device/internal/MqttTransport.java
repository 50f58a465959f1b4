package io.msec.device.internal;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Sends outbox payloads as QoS 1 MQTT 5 publishes and turns every PUBACK into an answer. */
public final class MqttTransport implements Outbox.Transport {
  private final Mqtt5AsyncClient mqtt;
  private final String topic;

  public MqttTransport(Mqtt5AsyncClient mqtt, String topic) {
    this.mqtt = mqtt;
    this.topic = topic;
  }

  @Override
  public CompletableFuture<Outbox.Ack> send(byte[] payload) {
    return mqtt.publishWith()
        .topic(topic)
        .qos(MqttQos.AT_LEAST_ONCE)
        .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
        .contentType("application/json")
        .payload(payload)
        .send()
        .handle(MqttTransport::answer);
  }

  private static Outbox.Ack answer(Mqtt5PublishResult result, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof Mqtt5PubAckException refused) {
      return ack(refused.getMqttMessage());
    }
    if (cause != null) {
      throw cause instanceof CompletionException c ? c : new CompletionException(cause);
    }
    if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1) {
      return ack(qos1.getPubAck());
    }
    return new Outbox.Ack(0, null);
  }

  private static Outbox.Ack ack(Mqtt5PubAck pubAck) {
    return new Outbox.Ack(
        pubAck.getReasonCode().getCode(),
        pubAck.getReasonString().map(Object::toString).orElse(null));
  }
}
