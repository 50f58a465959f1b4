package io.msec.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.BatchEnvelope;
import io.msec.core.CanonicalJson;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Reading;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredReadingTest {
  private static final Identity DEVICE = Readings.device(5);
  private static final Instant AT = Instant.parse("2026-12-04T09:00:00.123456Z");

  @Test
  void takesTheSignedBytesAndSignatureOfAnEnvelope() {
    Reading reading = Readings.co2(DEVICE, 1, 0, 721.25);
    Envelope envelope = Envelope.sign(DEVICE, reading.toJson());

    StoredReading stored = StoredReading.of(envelope, AT);

    assertThat(stored.reading()).isEqualTo(reading);
    assertThat(stored.canonical()).isEqualTo(envelope.canonicalPayload());
    assertThat(stored.signature()).isEqualTo(envelope.signature());
    assertThat(stored.batchRoot()).isNull();
    assertThat(stored.receivedAt()).isEqualTo(Instant.parse("2026-12-04T09:00:00.123Z"));
  }

  @Test
  void takesRootIndexAndSizeOfEachBatchMember() {
    List<Reading> readings =
        List.of(Readings.co2(DEVICE, 1, 0, 400), Readings.co2(DEVICE, 2, 1, 410));
    BatchEnvelope batch =
        BatchEnvelope.sign(DEVICE, readings.stream().map(r -> (JsonNode) r.toJson()).toList());

    List<StoredReading> stored = StoredReading.of(batch, AT);

    assertThat(stored).extracting(StoredReading::reading).isEqualTo(readings);
    assertThat(stored).extracting(StoredReading::batchIndex).containsExactly(0, 1);
    assertThat(stored).allSatisfy(s -> assertThat(s.batchSize()).isEqualTo(2));
    assertThat(stored).allSatisfy(s -> assertThat(s.batchRoot()).isEqualTo(batch.root()));
    assertThat(stored.get(1).canonical()).isEqualTo(CanonicalJson.bytes(readings.get(1).toJson()));
    assertThat(
            BatchEnvelope.verifyMember(
                batch.payloads().get(1), 1, 2, batch.inclusionProof(1), stored.get(1).batchRoot()))
        .isTrue();
  }

  @Test
  void isImmutableAndComparesBytesByContent() {
    StoredReading stored = Readings.signedCo2(DEVICE, 1, 0, 400);
    byte[] bytes = stored.canonical();
    bytes[0] = 'X';

    assertThat(stored.canonical()[0]).isEqualTo((byte) '{');
    assertThat(stored).isEqualTo(Readings.signedCo2(DEVICE, 1, 0, 400));
    assertThat(stored).hasSameHashCodeAs(Readings.signedCo2(DEVICE, 1, 0, 400));
  }

  @Test
  void refusesBatchPositionsOutsideTheBatch() {
    StoredReading s = Readings.signedCo2(DEVICE, 1, 0, 400);

    assertThatThrownBy(
            () ->
                StoredReading.inBatch(
                    s.reading(), s.canonical(), s.signature(), AT, new byte[32], 2, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new StoredReading(s.reading(), s.canonical(), s.signature(), AT, null, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
