package io.msec.bus.internal;

import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.msec.bus.DeviceGate;
import io.msec.bus.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds each inbound publish until the gate has stored (or refused) it, so that the broker's PUBACK
 * follows the durable write. Refusals are answered with an MQTT 5 reason code and the reject code
 * as reason string, and the message is not delivered to subscribers.
 */
final class PublishGate implements PublishInboundInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(PublishGate.class);
  private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

  private final DeviceGate gate;
  private final Map<String, String> devices;
  private final int maxPayloadBytes;

  PublishGate(DeviceGate gate, Map<String, String> devices, int maxPayloadBytes) {
    this.gate = gate;
    this.devices = devices;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  @Override
  public void onInboundPublish(PublishInboundInput in, PublishInboundOutput out) {
    String device = devices.get(in.getClientInformation().getClientId());
    var packet = in.getPublishPacket();
    ByteBuffer payload = packet.getPayload().orElse(ByteBuffer.allocate(0));
    if (device == null) {
      out.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "unauthenticated");
      return;
    }
    if (!Topics.ownedBy(packet.getTopic(), device)) {
      // Interceptors may run before the authoriser: never hand a foreign topic to the gate.
      DeviceGate.Verdict foreign = DeviceExtension.TopicAuthorizer.foreignTopic(packet.getTopic());
      gate.refused(device, foreign);
      out.preventPublishDelivery(
          AckReasonCode.NOT_AUTHORIZED, foreign.code() + ": " + foreign.reason());
      return;
    }
    if (payload.remaining() > maxPayloadBytes) {
      DeviceGate.Verdict tooLarge =
          DeviceGate.Verdict.refuse(
              DeviceGate.Verdict.Kind.MALFORMED,
              "too-large",
              "payload of " + payload.remaining() + " bytes exceeds " + maxPayloadBytes);
      gate.refused(device, tooLarge);
      out.preventPublishDelivery(
          AckReasonCode.PAYLOAD_FORMAT_INVALID, tooLarge.code() + ": " + tooLarge.reason());
      return;
    }
    Async<PublishInboundOutput> async =
        out.async(
            STORE_TIMEOUT,
            TimeoutFallback.FAILURE,
            AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
            "store-timeout");
    gate.ingest(device, packet.getTopic(), payload.asReadOnlyBuffer())
        .whenComplete(
            (verdict, error) -> {
              if (error != null) {
                LOG.error("ingest failed device={}", device, error);
                async
                    .getOutput()
                    .preventPublishDelivery(
                        AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR, "node-error");
              } else if (!verdict.accepted()) {
                async
                    .getOutput()
                    .preventPublishDelivery(
                        reasonCode(verdict.kind()), verdict.code() + ": " + verdict.reason());
              }
              async.resume();
            });
  }

  private static AckReasonCode reasonCode(DeviceGate.Verdict.Kind kind) {
    return switch (kind) {
      case MALFORMED -> AckReasonCode.PAYLOAD_FORMAT_INVALID;
      case NOT_AUTHORIZED -> AckReasonCode.NOT_AUTHORIZED;
      default -> AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
    };
  }
}
