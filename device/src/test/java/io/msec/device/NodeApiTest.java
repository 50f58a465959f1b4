package io.msec.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.Identity;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.device.DeviceRegistration.PropertySchema;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeApiTest {
  private final TestBroker broker = TestBroker.shared();
  private final FakeNode node = newNode();
  private final NodeApi api = new NodeApi(node.uri());
  private final Identity owner = Identity.generate();
  private final Identity device = Identity.generate();

  private FakeNode newNode() {
    try {
      return new FakeNode(broker);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  private DeviceRegistration registration() {
    return new DeviceRegistration(
        device.did(),
        "co2-sensor",
        "room 413",
        new Reading.Location(37.875, -122.258),
        Map.of("co2", new PropertySchema("[ppm]", 0.0, 10000.0)));
  }

  @Test
  void registersWithAnEnvelopeSignedByTheOwnerAndIsIdempotent() {
    NodeApi.Registered first = api.register(owner, registration());
    NodeApi.Registered second = api.register(owner, registration());

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    var payload = node.registrations.get(device.did().toString());
    assertThat(payload.path("op").asText()).isEqualTo("register-device");
    assertThat(payload.path("owner").asText()).isEqualTo(owner.did().toString());
    assertThat(payload.path("schema").path("co2").path("unit").asText()).isEqualTo("[ppm]");
    assertThat(payload.path("location").path("lat").asDouble()).isEqualTo(37.875);
    assertThat(payload.path("time").asText()).endsWith("Z");
  }

  @Test
  void readsLastSeqAndThrowsTheNodesCodeForAnUnknownDevice() {
    assertThatThrownBy(() -> api.lastSeq(device.did()))
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("unknown-device");

    api.register(owner, registration());

    assertThat(api.lastSeq(device.did())).isZero();
    assertThat(api.device(device.did())).isPresent();
  }

  @Test
  void revokesWithAnEnvelopeSignedByTheOwner() {
    api.register(owner, registration());

    api.revoke(owner, device.did());

    assertThat(node.revoked).containsEntry(device.did().toString(), "revoke-device");
  }

  @Test
  void learnsTheMqttAddressFromTheNode() {
    assertThat(api.node().mqtt()).isEqualTo(URI.create("tcp://127.0.0.1:" + broker.port));
  }

  @Test
  void reportsAnUnreachableNodeWithACode() {
    NodeApi nowhere = new NodeApi(URI.create("http://127.0.0.1:1"));

    assertThatThrownBy(nowhere::node)
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("node-unreachable");
  }
}
