package io.msec.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.msec.core.Identity;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.core.Reading.Quantity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceClientTest {
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
        null);
  }

  @Test
  void publishesSignedReadingsAndReportsThemAccepted() {
    try (DeviceClient client = DeviceClient.connect(broker.uri(), device, FAST)) {
      PublishResult result = client.publish(reading(1)).join();

      assertThat(result.accepted()).isTrue();
      assertThat(result.code()).isEqualTo(PublishResult.ACCEPTED);
      assertThat(broker.seqs(device.did())).containsExactly(1L);
    }
  }

  @Test
  void publishesABatchAsOneMessageAcknowledgedForAllItsReadings() {
    try (DeviceClient client = DeviceClient.connect(broker.uri(), device, FAST)) {
      PublishResult result =
          client.publishBatch(List.of(reading(1), reading(2), reading(3))).join();

      assertThat(result.readings()).isEqualTo(3);
      assertThat(result.firstSeq()).isEqualTo(1);
      assertThat(result.lastSeq()).isEqualTo(3);
      assertThat(broker.seqs(device.did())).containsExactly(1L, 2L, 3L);
    }
  }

  @Test
  void reportsAPubackFailureCodeAsTheRejectCode() {
    Reading bad =
        new Reading(
            device.did(),
            1,
            Instant.parse("2015-02-04T17:51:00Z"),
            Map.of("reject", new Quantity(1, "1")),
            null);
    try (DeviceClient client = DeviceClient.connect(broker.uri(), device, FAST)) {
      PublishResult result = client.publish(bad).join();

      assertThat(result.accepted()).isFalse();
      assertThat(result.reasonCode()).isEqualTo(0x80);
      assertThat(result.code()).isEqualTo("out-of-range");
      assertThat(client.pending()).isZero();
    }
  }

  @Test
  void refusesToConnectADeviceTheBrokerRefuses() {
    broker.bannedDevices.add(device.did().toString());

    assertThatThrownBy(() -> DeviceClient.connect(broker.uri(), device, FAST))
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("connect-refused");
  }

  @Test
  void refusesAReadingOfAnotherDevice() {
    try (DeviceClient client = DeviceClient.connect(broker.uri(), Identity.generate(), FAST)) {
      assertThatThrownBy(() -> client.publish(reading(1)))
          .isInstanceOf(MsecException.class)
          .hasMessageContaining("given to client of");
    }
  }

  @Test
  void aRotatedDeviceConnectsAndPublishesUnderItsIdSignedByItsCurrentKey() {
    Identity key = Identity.generate();
    broker.currentKeys.put(device.did().toString(), key.did());

    try (DeviceClient client = DeviceClient.connect(broker.uri(), device.did(), key, FAST)) {
      PublishResult one = client.publish(reading(1)).join();
      PublishResult batch = client.publishBatch(List.of(reading(2), reading(3))).join();

      assertThat(client.did()).isEqualTo(device.did());
      assertThat(client.key()).isEqualTo(key.did());
      assertThat(one.accepted()).isTrue();
      assertThat(batch.accepted()).isTrue();
      assertThat(broker.seqs(device.did())).containsExactly(1L, 2L, 3L);
      assertThat(broker.signers.get(device.did().toString())).containsOnly(key.did());
    }
  }

  @Test
  void aRotatedDeviceIsRefusedWithItsOldKey() {
    broker.currentKeys.put(device.did().toString(), Identity.generate().did());

    assertThatThrownBy(() -> DeviceClient.connect(broker.uri(), device, FAST))
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("connect-refused");
  }

  @Test
  void aReadingNamedAfterTheCurrentKeyInsteadOfTheIdIsRefused() {
    Identity key = Identity.generate();
    broker.currentKeys.put(device.did().toString(), key.did());
    Reading underKey =
        new Reading(
            key.did(),
            1,
            Instant.parse("2015-02-04T17:51:00Z"),
            Map.of("co2", new Quantity(700, "[ppm]")),
            null);

    try (DeviceClient client = DeviceClient.connect(broker.uri(), device.did(), key, FAST)) {
      assertThatThrownBy(() -> client.publish(underKey))
          .isInstanceOf(MsecException.class)
          .extracting(e -> ((MsecException) e).code())
          .isEqualTo("wrong-device");
    }
  }

  @Test
  void resendsAfterTheBrokerRestartsSoThatNoSequenceNumberIsMissing(@TempDir Path folder)
      throws Exception {
    int total = 600;
    List<CompletableFuture<PublishResult>> results = new ArrayList<>();
    try (TestBroker broker = new TestBroker(folder).start();
        DeviceClient client = DeviceClient.connect(broker.uri(), device, FAST)) {
      for (long seq = 1; seq <= total / 2; seq++) {
        results.add(client.publish(reading(seq)));
      }
      broker.stop();
      await().atMost(Duration.ofSeconds(10)).until(() -> !client.isConnected());
      for (long seq = total / 2 + 1; seq <= total; seq++) {
        results.add(client.publish(reading(seq)));
      }
      broker.start();

      assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
      assertLedgerComplete(broker, total, client.resends());
    }
    assertThat(results).allMatch(f -> f.join().accepted());
  }

  private void assertLedgerComplete(TestBroker broker, int total, long resends) {
    List<Long> seqs = broker.seqs(device.did());
    assertThat(new HashSet<>(seqs))
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    assertThat(seqs.subList(seqs.size() - total / 2, seqs.size()))
        .as("readings published while the broker was down arrive in order after it")
        .isSorted();
    assertThat((long) seqs.size() - total)
        .as("duplicates are resends only")
        .isLessThanOrEqualTo(resends);
    assertThat(broker.passwords).as("a fresh password per connection").hasSizeGreaterThan(1);
    assertThat(broker.refusedPasswords).isEmpty();
  }

  @Test
  void usesADifferentClientIdentifierForEachConnectionOfTheSameDevice() {
    try (DeviceClient a = DeviceClient.connect(broker.uri(), device, FAST);
        DeviceClient b = DeviceClient.connect(broker.uri(), device, FAST)) {
      a.publish(reading(1)).join();
      b.publish(reading(2)).join();

      assertThat(a.isConnected()).isTrue();
      assertThat(b.isConnected()).isTrue();
    }
  }
}
