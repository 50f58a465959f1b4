package io.msec.bus.internal;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.msec.bus.DeviceGate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HiveMQ extension that binds the broker to a {@link DeviceGate}: authentication of CONNECTs,
 * topic authorisation and the inbound publish interceptor.
 */
public final class DeviceExtension implements ExtensionMain {
  private final DeviceGate gate;
  private final int maxPayloadBytes;

  /** Client id to authenticated device, filled at CONNECT. */
  private final Map<String, String> devices = new ConcurrentHashMap<>();

  public DeviceExtension(DeviceGate gate, int maxPayloadBytes) {
    this.gate = gate;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  @Override
  public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
    Services.securityRegistry().setAuthenticatorProvider(in -> authenticator());
    Services.securityRegistry().setAuthorizerProvider(in -> new TopicAuthorizer(gate, devices));
    PublishGate interceptor = new PublishGate(gate, devices, maxPayloadBytes);
    Services.initializerRegistry()
        .setClientInitializer(
            (initInput, clientContext) -> clientContext.addPublishInboundInterceptor(interceptor));
  }

  @Override
  public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
    devices.clear();
  }

  private SimpleAuthenticator authenticator() {
    return (SimpleAuthInput in, SimpleAuthOutput out) -> {
      var connect = in.getConnectPacket();
      String user = connect.getUserName().orElse(null);
      byte[] password =
          connect
              .getPassword()
              .map(
                  b -> {
                    byte[] bytes = new byte[b.remaining()];
                    b.duplicate().get(bytes);
                    return bytes;
                  })
              .orElse(null);
      DeviceGate.Verdict verdict = gate.authenticate(user, password);
      if (verdict.accepted()) {
        devices.put(in.getClientInformation().getClientId(), user);
        out.authenticateSuccessfully();
      } else {
        out.failAuthentication(
            com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode
                .BAD_USER_NAME_OR_PASSWORD,
            verdict.code() + ": " + verdict.reason());
      }
    };
  }

  /** Devices publish and subscribe only under their own prefix. */
  static final class TopicAuthorizer implements PublishAuthorizer, SubscriptionAuthorizer {
    private final DeviceGate gate;
    private final Map<String, String> devices;

    TopicAuthorizer(DeviceGate gate, Map<String, String> devices) {
      this.gate = gate;
      this.devices = devices;
    }

    static DeviceGate.Verdict foreignTopic(String topic) {
      return DeviceGate.Verdict.refuse(
          DeviceGate.Verdict.Kind.NOT_AUTHORIZED,
          "foreign-topic",
          "a device publishes only under msec/devices/<its did>/, not " + topic);
    }

    @Override
    public void authorizePublish(PublishAuthorizerInput in, PublishAuthorizerOutput out) {
      String device = devices.get(in.getClientInformation().getClientId());
      String topic = in.getPublishPacket().getTopic();
      if (device != null && io.msec.bus.Topics.ownedBy(topic, device)) {
        out.authorizeSuccessfully();
      } else {
        DeviceGate.Verdict foreign = foreignTopic(topic);
        gate.refused(device, foreign);
        out.failAuthorization(
            com.hivemq.extension.sdk.api.packets.publish.AckReasonCode.NOT_AUTHORIZED,
            foreign.code() + ": " + foreign.reason());
      }
    }

    @Override
    public void authorizeSubscribe(
        SubscriptionAuthorizerInput in, SubscriptionAuthorizerOutput out) {
      String device = devices.get(in.getClientInformation().getClientId());
      String filter = in.getSubscription().getTopicFilter();
      if (device != null && io.msec.bus.Topics.ownedBy(filter, device)) {
        out.authorizeSuccessfully();
      } else {
        out.failAuthorization();
      }
    }
  }
}
