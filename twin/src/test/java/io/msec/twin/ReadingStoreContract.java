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
import io.msec.core.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ReadingStore} implementation must have: a test class per
 * implementation extends it and supplies empty stores. It inherits the comparison with an in-memory
 * model from {@link ReadingStoreModelProperties}.
 */
abstract class ReadingStoreContract extends ReadingStoreModelProperties {
  static final Identity A = device(1);
  static final Identity B = device(2);

  private final List<ReadingStore> opened = new ArrayList<>();

  protected ReadingStore store() {
    ReadingStore store = createStore();
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(ReadingStore::close);
  }

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
  void returnsTheSeriesOfAHalfOpenRangeInTimeOrderUpToTheLimit() {
    ReadingStore store = store();
    // Arrives out of order: minutes 3, 0, 2, 1, 4.
    store.append(
        List.of(
            signedCo2(A, 4, 3, 403),
            signedCo2(A, 1, 0, 400),
            signedCo2(A, 3, 2, 402),
            signedCo2(A, 2, 1, 401),
            signedCo2(A, 5, 4, 404)));
    Instant from = T0.plusSeconds(60);
    Instant to = T0.plusSeconds(4 * 60);

    assertThat(store.series(A.did(), "co2", from, to, 100))
        .containsExactly(
            new SeriesPoint(T0.plusSeconds(60), 401, 2),
            new SeriesPoint(T0.plusSeconds(120), 402, 3),
            new SeriesPoint(T0.plusSeconds(180), 403, 4));
    assertThat(store.series(A.did(), "co2", from, to, 2))
        .extracting(SeriesPoint::seq)
        .containsExactly(2L, 3L);
    assertThat(store.series(A.did(), "temperature", from, to, 100)).isEmpty();
    assertThat(store.series(B.did(), "co2", from, to, 100)).isEmpty();
  }

  @Test
  void keepsTheSeriesOfEachPropertyApart() {
    ReadingStore store = store();
    store.append(
        List.of(
            signed(A, reading(A, 1, T0, Map.of("co2", 500.0, "temperature", 21.5), null)),
            signed(A, reading(A, 2, T0.plusSeconds(60), Map.of("temperature", 22.0), null))));

    assertThat(store.series(A.did(), "temperature", T0, T0.plusSeconds(3600), 10))
        .extracting(SeriesPoint::value)
        .containsExactly(21.5, 22.0);
    assertThat(store.series(A.did(), "co2", T0, T0.plusSeconds(3600), 10))
        .extracting(SeriesPoint::value)
        .containsExactly(500.0);
  }

  @Test
  void aggregatesBucketsExactlyAndOmitsEmptyOnes() {
    ReadingStore store = store();
    // Minutes 0..4 -> bucket 0 (10-minute buckets), 20..21 -> bucket 2, nothing in bucket 1.
    double[] values = {400, 500, 600, 700, 800};
    List<StoredReading> readings = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      readings.add(signedCo2(A, i + 1, i, values[i]));
    }
    readings.add(signedCo2(A, 6, 20, 1000));
    readings.add(signedCo2(A, 7, 21, 1500));
    readings.add(signedCo2(A, 8, 30, 9999)); // at `to`: excluded
    store.append(readings);

    assertThat(store.buckets(A.did(), "co2", T0, T0.plusSeconds(30 * 60), Duration.ofMinutes(10)))
        .containsExactly(
            new SeriesBucket(T0, 400, 800, 600, 5),
            new SeriesBucket(T0.plusSeconds(20 * 60), 1000, 1500, 1250, 2));
  }

  @Test
  void alignsBucketsOnTheStartOfTheRange() {
    ReadingStore store = store();
    store.append(List.of(signedCo2(A, 1, 4, 1), signedCo2(A, 2, 5, 2), signedCo2(A, 3, 9, 3)));
    Instant from = T0.plusSeconds(3 * 60);

    assertThat(store.buckets(A.did(), "co2", from, T0.plusSeconds(3600), Duration.ofMinutes(5)))
        .containsExactly(
            new SeriesBucket(from, 1, 2, 1.5, 2),
            new SeriesBucket(from.plusSeconds(300), 3, 3, 3, 1));
  }

  @Test
  void keepsTheNewestValueInTheTwinWhenAnOlderReadingArrivesLater() {
    ReadingStore store = store();
    store.append(List.of(signedCo2(A, 2, 10, 800)));
    store.append(List.of(signedCo2(A, 1, 5, 400)));

    Twin twin = store.twin(A.did()).orElseThrow();

    assertThat(twin.properties())
        .containsEntry("co2", new TwinProperty(800, "[ppm]", T0.plusSeconds(600)));
    assertThat(twin.lastSeq()).isEqualTo(2);
    assertThat(twin.lastObservedAt()).isEqualTo(T0.plusSeconds(600));
  }

  @Test
  void keepsTheNewestValueInTheTwinWithinOneList() {
    ReadingStore store = store();
    store.append(List.of(signedCo2(A, 2, 10, 800), signedCo2(A, 1, 5, 400)));

    assertThat(store.twin(A.did()).orElseThrow().properties().get("co2").value()).isEqualTo(800);
  }

  @Test
  void buildsTheTwinFromTheLatestValueOfEachPropertyAndTheLatestLocation() {
    ReadingStore store = store();
    Reading.Location here = new Reading.Location(57.15, -2.09);
    Reading.Location there = new Reading.Location(57.16, -2.10);
    store.append(
        List.of(
            signed(A, reading(A, 1, T0, Map.of("co2", 500.0, "temperature", 21.5), here)),
            signed(A, reading(A, 2, T0.plusSeconds(60), Map.of("co2", 520.0), there)),
            signed(A, reading(A, 3, T0.plusSeconds(120), Map.of("co2", 530.0), null))));

    Twin twin = store.twin(A.did()).orElseThrow();

    assertThat(twin.device()).isEqualTo(A.did());
    assertThat(twin.lastSeq()).isEqualTo(3);
    assertThat(twin.location()).isEqualTo(there);
    assertThat(twin.properties())
        .containsOnly(
            Map.entry("co2", new TwinProperty(530, "[ppm]", T0.plusSeconds(120))),
            Map.entry("temperature", new TwinProperty(21.5, "Cel", T0)));
  }

  @Test
  void hasNoTwinForADeviceWithoutReadings() {
    ReadingStore store = store();
    store.append(List.of(signedCo2(A, 1, 0, 400)));

    assertThat(store.twin(B.did())).isEmpty();
    assertThat(store.twin(A.did()).orElseThrow().location()).isNull();
  }

  @Test
  void listsTheTwinsOfAllDevicesByDevice() {
    ReadingStore store = store();
    assertThat(store.twins()).isEmpty();
    store.append(List.of(signedCo2(B, 1, 0, 400), signedCo2(A, 1, 0, 500)));

    List<Twin> twins = store.twins();

    assertThat(twins)
        .extracting(Twin::device)
        .containsExactlyElementsOf(List.of(A.did(), B.did()).stream().sorted().toList());
    assertThat(twins).allSatisfy(t -> assertThat(t.properties()).containsOnlyKeys("co2"));
  }

  @Test
  void countsTimeAboveAThresholdUntilTheNextPointCappedAtTheMaximumGap() {
    ReadingStore store = store();
    // minute: 0    1    2    3    13   14   15
    // ppm:    900  1200 1300 800  1100 1500 1600
    store.append(
        List.of(
            signedCo2(A, 1, 0, 900),
            signedCo2(A, 2, 1, 1200),
            signedCo2(A, 3, 2, 1300),
            signedCo2(A, 4, 3, 800),
            signedCo2(A, 5, 13, 1100),
            signedCo2(A, 6, 14, 1500),
            signedCo2(A, 7, 15, 1600)));

    // 1 -> 2 (1 min), 2 -> 3 (1 min), 13 -> 14 (1), 14 -> 15 (1); 15 is last and counts nothing.
    assertThat(store.timeAbove(A.did(), "co2", 1000, Duration.ofMinutes(5)))
        .isEqualTo(Duration.ofMinutes(4));
    // Above 700 everything is; the gap 3 -> 13 counts only the maximum gap of 5 minutes.
    assertThat(store.timeAbove(A.did(), "co2", 700, Duration.ofMinutes(5)))
        .isEqualTo(Duration.ofMinutes(3 + 5 + 2));
    assertThat(store.timeAbove(A.did(), "co2", 1000, Duration.ZERO)).isEqualTo(Duration.ZERO);
    assertThat(store.timeAbove(A.did(), "humidity", 0, Duration.ofMinutes(5)))
        .isEqualTo(Duration.ZERO);
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
