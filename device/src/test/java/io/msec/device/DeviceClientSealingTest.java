package io.msec.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.ContentKey;
import io.msec.core.Identity;
import io.msec.core.Reading;
import io.msec.core.Reading.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A device that seals its readings: the broker (playing the node) sees only ciphertext. */
class DeviceClientSealingTest {
  private static final DeviceOptions FAST =
      DeviceOptions.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(300));

  private final TestBroker broker = TestBroker.shared();
  private final Identity device = Identity.generate();

  private Reading reading(long seq) {
    return new Reading(
        device.did(),
        seq,
        Instant.parse("2015-02-04T17:51:00Z").plusSeconds(60 * seq),
        Map.of("co2", new Quantity(700 + seq, "[ppm]")),
        new Reading.Location(57.15, -2.09));
  }

  private List<Reading> received() {
    return broker.payloads.get(device.did().toString()).stream().map(Reading::fromJson).toList();
  }

  @Test
  void sealsEachReadingWithTheCurrentEpochKeyBeforeSigning() {
    ContentKey key = ContentKey.generate();
    DeviceOptions sealing = FAST.withSealing(EpochKeys.fixed(new EpochKeys.Epoch(7, key)));

    try (DeviceClient client = DeviceClient.connect(broker.uri(), device, sealing)) {
      PublishResult result = client.publish(reading(1)).join();

      assertThat(result.accepted()).isTrue();
    }

    JsonNode sent = broker.payloads.get(device.did().toString()).get(0);
    assertThat(sent.has("properties")).isFalse();
    assertThat(sent.has("location")).isFalse();
    assertThat(sent.findValue("value")).isNull();
    assertThat(sent.findValue("lat")).isNull();
    Reading sealed = Reading.fromJson(sent);
    assertThat(sealed.sealed().epoch()).isEqualTo(7);
    assertThat(sealed.open(key)).isEqualTo(reading(1));
    assertThat(broker.signers.get(device.did().toString())).containsExactly(device.did());
  }

  @Test
  void sealsEveryReadingOfABatchInTheEpochCurrentWhenItIsSigned() {
    ContentKey[] keys = {ContentKey.generate(), ContentKey.generate(), ContentKey.generate()};
    AtomicLong next = new AtomicLong();
    EpochKeys rotating =
        () -> {
          int n = (int) next.getAndIncrement();
          return new EpochKeys.Epoch(n, keys[n]);
        };

    try (DeviceClient client =
        DeviceClient.connect(broker.uri(), device, FAST.withSealing(rotating))) {
      assertThat(client.publishBatch(List.of(reading(1), reading(2))).join().accepted()).isTrue();
      assertThat(client.publish(reading(3)).join().accepted()).isTrue();
    }

    List<Reading> got = received();
    assertThat(got).extracting(r -> r.sealed().epoch()).containsExactly(0L, 1L, 2L);
    for (int i = 0; i < 3; i++) {
      assertThat(got.get(i).open(keys[i])).isEqualTo(reading(i + 1));
    }
  }

  @Test
  void publishesOpenReadingsWithoutSealingAndSealedOnesAsGiven() {
    ContentKey key = ContentKey.generate();
    Reading already = reading(2).seal(key, 3);

    try (DeviceClient client = DeviceClient.connect(broker.uri(), device, FAST)) {
      client.publish(reading(1)).join();
      client.publish(already).join();
    }

    assertThat(received()).containsExactly(reading(1), already);
  }
}
