package io.msec.twin;

import static io.msec.twin.AppendOutcome.CONFLICT;
import static io.msec.twin.AppendOutcome.DUPLICATE;
import static io.msec.twin.AppendOutcome.STORED;
import static io.msec.twin.Readings.T0;
import static io.msec.twin.Readings.co2;
import static io.msec.twin.Readings.device;
import static io.msec.twin.Readings.reading;
import static io.msec.twin.Readings.signed;
import static io.msec.twin.Readings.signedCo2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.Identity;
import io.msec.core.MsecException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ReadingStore} implementation must have: a test class per
 * implementation extends it and returns empty stores from {@link #createStore()}. Here: appending,
 * duplicates and conflicts, lookups, concurrency and closing; it inherits sealed readings from
 * {@link SealedReadingContract}, the queries from {@link ReadingStoreQueryContract} and the
 * comparison with an in-memory model from {@link ReadingStoreModelProperties}.
 */
abstract class ReadingStoreContract extends SealedReadingContract {
  @Test
  void storesNewReadingsAndReturnsThemWithTheirProof() {
    ReadingStore store = store();
    List<StoredReading> sent = List.of(signedCo2(A, 1, 0, 400), signedCo2(A, 2, 1, 410));

    assertThat(store.append(sent)).containsExactly(STORED, STORED);

    assertThat(store.get(A.did(), 1)).contains(sent.get(0));
    assertThat(store.get(A.did(), 2)).contains(sent.get(1));
    assertThat(store.get(A.did(), 3)).isEmpty();
    assertThat(store.get(B.did(), 1)).isEmpty();
  }

  @Test
  void servesTheSignedBytesOfASequenceRangeInOrder() {
    ReadingStore store = store();
    List<StoredReading> sent =
        List.of(signedCo2(A, 1, 0, 400), signedCo2(A, 2, 1, 410), signedCo2(A, 4, 3, 430));
    store.append(List.of(sent.get(2), sent.get(0), sent.get(1), signedCo2(B, 2, 1, 500)));

    assertThat(store.signedBytes(A.did(), 2, 4))
        .containsExactly(sent.get(1).canonical(), sent.get(2).canonical());
    assertThat(store.signedBytes(A.did(), 5, 9)).isEmpty();
  }

  @Test
  void keepsTheBatchProofOfAReading() {
    ReadingStore store = store();
    List<StoredReading> batch =
        Readings.batch(A, List.of(co2(A, 1, 0, 400), co2(A, 2, 1, 410), co2(A, 3, 2, 420)));

    store.append(batch);

    StoredReading second = store.get(A.did(), 2).orElseThrow();
    assertThat(second).isEqualTo(batch.get(1));
    assertThat(second.batchRoot()).isEqualTo(batch.get(0).batchRoot());
    assertThat(second.batchIndex()).isEqualTo(1);
    assertThat(second.batchSize()).isEqualTo(3);
  }

  @Test
  void acknowledgesAnExactResendAsDuplicateWithoutStoringItTwice() {
    ReadingStore store = store();
    StoredReading first = signedCo2(A, 1, 0, 400);
    store.append(List.of(first));

    assertThat(store.append(List.of(first, signedCo2(A, 2, 1, 410))))
        .containsExactly(DUPLICATE, STORED);

    assertThat(store.count()).isEqualTo(2);
    assertThat(store.series(A.did(), "co2", T0, T0.plusSeconds(3600), 10)).hasSize(2);
  }

  @Test
  void treatsTheSameBytesSignedInABatchAsDuplicateAndKeepsTheFirstProof() {
    ReadingStore store = store();
    StoredReading alone = signedCo2(A, 1, 0, 400);
    store.append(List.of(alone));

    List<StoredReading> batch = Readings.batch(A, List.of(co2(A, 1, 0, 400)));

    assertThat(store.append(batch)).containsExactly(DUPLICATE);
    assertThat(store.get(A.did(), 1)).contains(alone);
  }

  @Test
  void refusesADifferentReadingWithAUsedSequenceAsConflictAndKeepsTheStoredOne() {
    ReadingStore store = store();
    StoredReading original = signedCo2(A, 1, 0, 400);
    store.append(List.of(original));

    assertThat(store.append(List.of(signedCo2(A, 1, 5, 9999)))).containsExactly(CONFLICT);

    assertThat(store.get(A.did(), 1)).contains(original);
    assertThat(store.count(A.did())).isEqualTo(1);
    assertThat(store.lastObservedAt(A.did())).contains(T0);
    assertThat(store.twin(A.did()).orElseThrow().properties().get("co2").value()).isEqualTo(400);
    assertThat(store.series(A.did(), "co2", T0, T0.plusSeconds(3600), 10))
        .extracting(SeriesPoint::value)
        .containsExactly(400.0);
  }

  @Test
  void judgesRepeatsWithinOneListAgainstTheFirstOccurrence() {
    ReadingStore store = store();
    StoredReading first = signedCo2(A, 1, 0, 400);

    assertThat(store.append(List.of(first, first, signedCo2(A, 1, 0, 401))))
        .containsExactly(STORED, DUPLICATE, CONFLICT);

    assertThat(store.count()).isEqualTo(1);
    assertThat(store.get(A.did(), 1)).contains(first);
  }

  @Test
  void keepsWhatWasSignedWhenItsCanonicalFormNormalisesTheReading() {
    ReadingStore store = store();
    // RFC 8785 writes -0 as 0, so the signed bytes hold 0.
    StoredReading signed = signedCo2(A, 1, 0, -0.0);

    assertThat(store.append(List.of(signed))).containsExactly(STORED);

    assertThat(store.get(A.did(), 1).orElseThrow().reading()).isEqualTo(co2(A, 1, 0, 0.0));
    assertThat(store.twin(A.did()).orElseThrow().properties().get("co2").value()).isEqualTo(0.0);
    assertThat(store.append(List.of(signed))).containsExactly(DUPLICATE);
  }

  @Test
  void refusesAReadingWhoseSignedBytesHoldAnotherReadingAndWritesNothing() {
    ReadingStore store = store();
    StoredReading other = signedCo2(A, 2, 1, 410);
    StoredReading forged =
        StoredReading.single(co2(A, 3, 1, 410), other.canonical(), other.signature(), T0);

    assertThatThrownBy(() -> store.append(List.of(signedCo2(A, 1, 0, 400), forged)))
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("store-invalid-reading");
    assertThat(store.count()).isZero();
  }

  @Test
  void refusesAReadingObservedBeyondTheMillisecondRange() {
    ReadingStore store = store();
    StoredReading far =
        signed(
            A,
            reading(A, 1, Instant.parse("+999999999-01-01T00:00:00Z"), Map.of("co2", 1.0), null));

    assertThatThrownBy(() -> store.append(List.of(far)))
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("store-invalid-reading");
  }

  @Test
  void appendsNothingForAnEmptyList() {
    ReadingStore store = store();

    assertThat(store.append(List.of())).isEmpty();
    assertThat(store.count()).isZero();
  }

  @Test
  void reportsTheHighestSequenceAndLatestObservationPerDevice() {
    ReadingStore store = store();
    assertThat(store.lastSeq(A.did())).isZero();
    assertThat(store.lastObservedAt(A.did())).isEmpty();

    store.append(List.of(signedCo2(A, 5, 10, 400), signedCo2(B, 1, 0, 400)));
    store.append(List.of(signedCo2(A, 3, 20, 400)));

    assertThat(store.lastSeq(A.did())).isEqualTo(5);
    assertThat(store.lastSeq(B.did())).isEqualTo(1);
    assertThat(store.lastObservedAt(A.did())).contains(T0.plusSeconds(20 * 60));
  }

  @Test
  void countsReadingsPerDeviceAndOverall() {
    ReadingStore store = store();
    store.append(List.of(signedCo2(A, 1, 0, 1), signedCo2(A, 2, 1, 1), signedCo2(B, 1, 0, 1)));

    assertThat(store.count()).isEqualTo(3);
    assertThat(store.count(A.did())).isEqualTo(2);
    assertThat(store.count(B.did())).isEqualTo(1);
    assertThat(store.count(device(3).did())).isZero();
  }

  @Test
  void servesConcurrentWritersAndReaders() throws Exception {
    ReadingStore store = store();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int d = 0; d < 4; d++) {
        Identity device = device(10 + d);
        writers.add(
            pool.submit(
                () -> {
                  for (int seq = 1; seq <= 20; seq++) {
                    store.append(List.of(signedCo2(device, seq, seq, seq)));
                    assertThat(store.lastSeq(device.did())).isEqualTo(seq);
                  }
                }));
      }
      for (Future<?> writer : writers) {
        writer.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.count()).isEqualTo(80);
    assertThat(store.twins()).hasSize(4);
  }

  @Test
  void refusesUseAfterClose() {
    ReadingStore store = createStore();
    store.close();
    store.close();

    assertThatThrownBy(() -> store.count())
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("store-closed");
    assertThatThrownBy(() -> store.append(List.of(signedCo2(A, 1, 0, 1))))
        .isInstanceOf(MsecException.class);
  }
}
