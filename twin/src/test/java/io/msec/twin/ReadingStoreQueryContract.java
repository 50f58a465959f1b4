package io.msec.twin;

import static io.msec.twin.Readings.T0;
import static io.msec.twin.Readings.device;
import static io.msec.twin.Readings.reading;
import static io.msec.twin.Readings.signed;
import static io.msec.twin.Readings.signedCo2;
import static org.assertj.core.api.Assertions.assertThat;

import io.msec.core.Identity;
import io.msec.core.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReadingStore} must answer about stored readings: series, buckets, twins and
 * time above a threshold. Part of {@link ReadingStoreContract}, which implementations extend.
 */
abstract class ReadingStoreQueryContract extends ReadingStoreModelProperties {
  static final Identity A = device(1);
  static final Identity B = device(2);

  private final List<ReadingStore> opened = new ArrayList<>();

  /** A new, empty store of the implementation under test, closed after the test. */
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
}
