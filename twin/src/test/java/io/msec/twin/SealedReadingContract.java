package io.msec.twin;

import static io.msec.twin.AppendOutcome.CONFLICT;
import static io.msec.twin.AppendOutcome.DUPLICATE;
import static io.msec.twin.AppendOutcome.STORED;
import static io.msec.twin.Readings.T0;
import static io.msec.twin.Readings.co2;
import static io.msec.twin.Readings.signed;
import static io.msec.twin.Readings.signedCo2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.ContentKey;
import io.msec.core.Identity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReadingStore} does with sealed readings: keeps their signed bytes as received,
 * counts them, adds no series point or twin value, and shows the latest one on the twin. Part of
 * {@link ReadingStoreContract}.
 */
abstract class SealedReadingContract extends ReadingStoreQueryContract {
  static final ContentKey KEY = ContentKey.generate();

  /** A co2 reading of {@code device} sealed in {@code epoch} and signed. */
  static StoredReading sealedCo2(Identity device, long seq, long minutes, double ppm, long epoch) {
    return signed(device, co2(device, seq, minutes, ppm).seal(KEY, epoch));
  }

  private static Instant minute(long m) {
    return T0.plusSeconds(60 * m);
  }

  @Test
  void storesASealedReadingWithItsSignedBytesAsReceived() {
    ReadingStore store = store();
    StoredReading sealed = sealedCo2(A, 1, 0, 812.5, 7);

    assertThat(store.append(List.of(sealed))).containsExactly(STORED);

    StoredReading back = store.get(A.did(), 1).orElseThrow();
    assertThat(back).isEqualTo(sealed);
    assertThat(back.reading().isSealed()).isTrue();
    assertThat(back.reading().open(KEY)).isEqualTo(co2(A, 1, 0, 812.5));
    assertThat(store.signedBytes(A.did(), 1, 1)).containsExactly(sealed.canonical());
    assertThat(new String(back.canonical(), StandardCharsets.UTF_8)).doesNotContain("812.5");
    assertThat(store.count()).isEqualTo(1);
    assertThat(store.count(A.did())).isEqualTo(1);
    assertThat(store.lastSeq(A.did())).isEqualTo(1);
    assertThat(store.lastObservedAt(A.did())).contains(minute(0));
  }

  @Test
  void addsNoSeriesPointAndNoTwinValueForASealedReading() {
    ReadingStore store = store();

    store.append(List.of(signedCo2(A, 1, 0, 400), sealedCo2(A, 2, 1, 900, 3)));

    assertThat(store.series(A.did(), "co2", Instant.MIN, Instant.MAX, 100))
        .containsExactly(new SeriesPoint(minute(0), 400, 1));
    Twin twin = store.twin(A.did()).orElseThrow();
    assertThat(twin.properties().get("co2").value()).isEqualTo(400);
    assertThat(twin.lastSeq()).isEqualTo(2);
    assertThat(twin.lastObservedAt()).isEqualTo(minute(1));
    assertThat(twin.latestSealed()).isEqualTo(new Twin.SealedReading(2, minute(1), 3));
  }

  @Test
  void showsATwinOfADeviceThatOnlySealsWithoutValues() {
    ReadingStore store = store();

    store.append(List.of(sealedCo2(B, 1, 0, 900, 5), sealedCo2(B, 2, 1, 950, 6)));

    Twin twin = store.twin(B.did()).orElseThrow();
    assertThat(twin.properties()).isEmpty();
    assertThat(twin.location()).isNull();
    assertThat(twin.latestSealed()).isEqualTo(new Twin.SealedReading(2, minute(1), 6));
    ObjectNode entity = twin.toNgsiLd();
    assertThat(entity.path("sealed").path("value").path("epoch").asLong()).isEqualTo(6);
    assertThat(entity.path("sealed").path("value").path("seq").asLong()).isEqualTo(2);
    assertThat(entity.has("co2")).isFalse();
    assertThat(store.twins()).extracting(Twin::device).containsExactly(B.did());
  }

  @Test
  void keepsTheNewestSealedReadingWhateverTheArrivalOrder() {
    ReadingStore store = store();

    store.append(List.of(sealedCo2(A, 3, 5, 900, 9), sealedCo2(A, 1, 1, 900, 8)));
    store.append(List.of(sealedCo2(A, 2, 3, 900, 8), signedCo2(A, 4, 7, 410)));

    assertThat(store.twin(A.did()).orElseThrow().latestSealed())
        .isEqualTo(new Twin.SealedReading(3, minute(5), 9));
  }

  @Test
  void acknowledgesASealedResendAsDuplicateAndAnotherCiphertextAsConflict() {
    ReadingStore store = store();
    StoredReading sealed = sealedCo2(A, 1, 0, 700, 1);
    store.append(List.of(sealed));

    assertThat(store.append(List.of(sealed, sealedCo2(A, 1, 0, 700, 1))))
        .containsExactly(DUPLICATE, CONFLICT);
    assertThat(store.get(A.did(), 1)).contains(sealed);
  }
}
