package io.msec.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.core.Identity;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MqttPasswordTest {
  private static final Identity DEVICE = Identity.generate();

  @Test
  void isMillisDotBase64UrlSignatureOfTheDomainDidAndMillis() {
    String password = MqttPassword.create(DEVICE, 1_733_324_400_000L);

    String[] parts = password.split("\\.");
    assertThat(parts).hasSize(2);
    assertThat(parts[0]).isEqualTo("1733324400000");
    byte[] sig = Base64.getUrlDecoder().decode(parts[1]);
    byte[] signed =
        ("msec-mqtt-auth/v1\n" + DEVICE.did() + "\n1733324400000")
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(DEVICE.did().verify(signed, sig)).isTrue();
    assertThat(parts[1]).doesNotContain("=", "+", "/");
  }

  @Test
  void ofARotatedDeviceNamesTheIdAndIsSignedByTheCurrentKey() {
    Identity key = Identity.generate();

    String password = MqttPassword.create(DEVICE.did(), key, 1_733_324_400_000L);

    byte[] sig = Base64.getUrlDecoder().decode(password.substring(password.indexOf('.') + 1));
    byte[] signed =
        ("msec-mqtt-auth/v1\n" + DEVICE.did() + "\n1733324400000")
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(key.did().verify(signed, sig)).isTrue();
    long now = 1_733_324_400_000L;
    assertThat(MqttPassword.verify(DEVICE.did(), key.did(), password, now, 1)).isTrue();
    assertThat(MqttPassword.verify(DEVICE.did(), password, now, 1)).as("old key").isFalse();
    assertThat(MqttPassword.verify(key.did(), password, now, 1)).as("key as id").isFalse();
  }

  @Test
  void ofADeviceWhoseKeyIsItsIdIsTheSameEitherWay() {
    assertThat(MqttPassword.create(DEVICE, 42))
        .isEqualTo(MqttPassword.create(DEVICE.did(), DEVICE, 42));
  }

  @Property(tries = 50)
  void verifiesWithinSkewAndRefusesOutside(
      @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long millis,
      @ForAll @LongRange(min = -600_000, max = 600_000) long offset) {
    String password = MqttPassword.create(DEVICE, millis);

    boolean ok = MqttPassword.verify(DEVICE.did(), password, millis + offset, 300_000);

    assertThat(ok).isEqualTo(Math.abs(offset) <= 300_000);
  }

  @Test
  void refusesAnotherDevicesPasswordAndGarbage() {
    String password = MqttPassword.create(DEVICE, 1000);

    assertThat(MqttPassword.verify(Identity.generate().did(), password, 1000, 1)).isFalse();
    assertThat(MqttPassword.verify(DEVICE.did(), "1000." + "A".repeat(86), 1000, 1)).isFalse();
    assertThat(MqttPassword.verify(DEVICE.did(), "nodot", 1000, 1)).isFalse();
    assertThat(MqttPassword.verify(DEVICE.did(), null, 1000, 1)).isFalse();
    assertThat(MqttPassword.millisOf(password)).isEqualTo(1000);
  }
}
