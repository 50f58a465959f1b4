package io.msec.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msec.core.ContentKey;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of appends of open and sealed readings, with exact resends, resends in another
 * proof and conflicting readings, leave every {@link ReadingStore} in the state of a plain
 * in-memory model. The base of {@link ReadingStoreContract}, so that each implementation runs it
 * with the example tests.
 */
abstract class ReadingStoreModelProperties {
  private static final Identity[] DEVICES = {
    Readings.device(21), Readings.device(22), Readings.device(23)
  };
  private static final int MAX_SEQ = 4;
  private static final double[] VALUES = {380, 650, 999.5, 1000, 1000.25, 1800};
  private static final ContentKey KEY = ContentKey.generate();

  /**
   * Each spec's signed reading, made once: sealing draws a fresh nonce, and an exact resend must
   * carry the same bytes.
   */
  private static final Map<Spec, StoredReading> MADE = new ConcurrentHashMap<>();

  /** A new, empty store of the implementation under test. */
  protected abstract ReadingStore createStore();

  /** What to append: small ranges, so that the same device and sequence number comes back. */
  record Spec(
      int device,
      long seq,
      int minute,
      int value,
      boolean withTemperature,
      boolean located,
      boolean batched,
      boolean sealed) {
    StoredReading stored() {
      return MADE.computeIfAbsent(this, Spec::make);
    }

    private StoredReading make() {
      Identity id = DEVICES[device];
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("co2", VALUES[value]);
      if (withTemperature) {
        values.put("temperature", 20.0 + minute);
      }
      Reading.Location location = located ? new Reading.Location(57 + minute / 100.0, -2) : null;
      Reading open =
          Readings.reading(id, seq, Readings.T0.plusSeconds(60L * minute), values, location);
      StoredReading alone = Readings.signed(id, sealed ? open.seal(KEY, minute) : open);
      if (!batched) {
        return alone;
      }
      byte[] root = new byte[32];
      root[0] = (byte) seq;
      return StoredReading.inBatch(
          alone.reading(), alone.canonical(), alone.signature(), alone.receivedAt(), root, 0, 1);
    }
  }

  @Provide
  Arbitrary<List<List<Spec>>> appends() {
    Arbitrary<Spec> spec =
        Combinators.combine(
                Arbitraries.integers().between(0, DEVICES.length - 1),
                Arbitraries.longs().between(1, MAX_SEQ),
                Arbitraries.integers().between(0, 3).map(m -> m * 7),
                Arbitraries.integers().between(0, VALUES.length - 1),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 4).map(b -> b == 0),
                Arbitraries.integers().between(0, 3).map(s -> s == 0))
            .as(Spec::new);
    // Lists drawn from a small pool, so that exact resends and conflicts are frequent.
    return spec.list()
        .ofMinSize(1)
        .ofMaxSize(10)
        .flatMap(
            pool ->
                Arbitraries.of(pool)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(6)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(8));
  }

  @Property(tries = 60)
  void behavesLikeAnInMemoryModel(@ForAll("appends") List<List<Spec>> appends) {
    Map<String, StoredReading> model = new LinkedHashMap<>();
    try (ReadingStore store = createStore()) {
      List<AppendOutcome> all = new ArrayList<>();
      for (List<Spec> list : appends) {
        List<StoredReading> readings = list.stream().map(Spec::stored).toList();
        List<AppendOutcome> outcomes = store.append(readings);
        assertThat(outcomes).isEqualTo(modelAppend(model, readings));
        all.addAll(outcomes);
      }
      Statistics.label("duplicate").collect(all.contains(AppendOutcome.DUPLICATE));
      Statistics.label("conflict").collect(all.contains(AppendOutcome.CONFLICT));
      Statistics.label("duplicate").coverage(c -> c.check(true).percentage(p -> p > 10));
      Statistics.label("conflict").coverage(c -> c.check(true).percentage(p -> p > 10));

      assertThat(store.count()).isEqualTo(model.size());
      for (Identity device : DEVICES) {
        checkDevice(store, device.did(), mine(model, device.did()));
      }
      assertThat(store.twins())
          .extracting(Twin::device)
          .isSorted()
          .hasSize((int) model.values().stream().map(s -> s.reading().device()).distinct().count());
    }
  }

  private static List<AppendOutcome> modelAppend(
      Map<String, StoredReading> model, List<StoredReading> readings) {
    List<AppendOutcome> outcomes = new ArrayList<>();
    for (StoredReading r : readings) {
      String key = r.reading().device() + "#" + r.reading().seq();
      StoredReading stored = model.putIfAbsent(key, r);
      outcomes.add(
          stored == null
              ? AppendOutcome.STORED
              : stored.sameCanonical(r.canonical())
                  ? AppendOutcome.DUPLICATE
                  : AppendOutcome.CONFLICT);
    }
    return outcomes;
  }

  private static List<Reading> mine(Map<String, StoredReading> model, DidKey device) {
    return model.values().stream()
        .map(StoredReading::reading)
        .filter(r -> r.device().equals(device))
        .sorted(NEWEST_LAST)
        .toList();
  }

  private static final Comparator<Reading> NEWEST_LAST =
      Comparator.comparing(Reading::observedAt).thenComparingLong(Reading::seq);

  private static void checkDevice(ReadingStore store, DidKey device, List<Reading> readings) {
    assertThat(store.count(device)).isEqualTo(readings.size());
    assertThat(store.lastSeq(device))
        .isEqualTo(readings.stream().mapToLong(Reading::seq).max().orElse(0));
    assertThat(store.lastObservedAt(device))
        .isEqualTo(readings.stream().map(Reading::observedAt).max(Comparator.naturalOrder()));
    for (long seq = 1; seq <= MAX_SEQ; seq++) {
      long s = seq;
      assertThat(store.get(device, seq).map(StoredReading::reading))
          .isEqualTo(readings.stream().filter(r -> r.seq() == s).findFirst());
    }
    if (readings.isEmpty()) {
      assertThat(store.twin(device)).isEmpty();
      return;
    }
    checkTwin(store.twin(device).orElseThrow(), readings);
    checkSeries(store, device, readings);
  }

  private static void checkTwin(Twin twin, List<Reading> newestLast) {
    Map<String, TwinProperty> latest = new LinkedHashMap<>();
    Reading.Location location = null;
    Twin.SealedReading sealed = null;
    for (Reading r : newestLast) {
      if (r.isSealed()) {
        sealed = new Twin.SealedReading(r.seq(), r.observedAt(), r.sealed().epoch());
      }
      r.properties()
          .forEach(
              (name, q) -> latest.put(name, new TwinProperty(q.value(), q.unit(), r.observedAt())));
      location = r.location() != null ? r.location() : location;
    }
    assertThat(twin.properties()).isEqualTo(latest);
    assertThat(twin.location()).isEqualTo(location);
    assertThat(twin.latestSealed()).isEqualTo(sealed);
    assertThat(twin.lastSeq())
        .isEqualTo(newestLast.stream().mapToLong(Reading::seq).max().orElseThrow());
  }

  private static void checkSeries(ReadingStore store, DidKey device, List<Reading> newestLast) {
    List<SeriesPoint> points =
        newestLast.stream()
            .filter(r -> !r.isSealed())
            .map(r -> new SeriesPoint(r.observedAt(), r.properties().get("co2").value(), r.seq()))
            .toList();
    assertThat(store.series(device, "co2", Instant.MIN, Instant.MAX, 1000)).isEqualTo(points);

    Instant from = Readings.T0.minusSeconds(60);
    List<SeriesBucket> buckets =
        store.buckets(device, "co2", from, from.plusSeconds(3600), Duration.ofMinutes(10));
    assertThat(buckets.stream().mapToLong(SeriesBucket::count).sum()).isEqualTo(points.size());
    for (SeriesBucket b : buckets) {
      List<Double> in =
          points.stream()
              .filter(p -> !p.time().isBefore(b.start()))
              .filter(p -> p.time().isBefore(b.start().plus(Duration.ofMinutes(10))))
              .map(SeriesPoint::value)
              .toList();
      assertThat(b.count()).isEqualTo(in.size());
      assertThat(b.min()).isEqualTo(in.stream().mapToDouble(d -> d).min().orElseThrow());
      assertThat(b.max()).isEqualTo(in.stream().mapToDouble(d -> d).max().orElseThrow());
      assertThat(b.mean())
          .isCloseTo(in.stream().mapToDouble(d -> d).average().orElseThrow(), within(1e-9));
    }

    Duration gap = Duration.ofMinutes(10);
    long above = 0;
    for (int i = 0; i + 1 < points.size(); i++) {
      if (points.get(i).value() > 1000) {
        Duration d = Duration.between(points.get(i).time(), points.get(i + 1).time());
        above += Math.min(d.toMillis(), gap.toMillis());
      }
    }
    assertThat(store.timeAbove(device, "co2", 1000, gap)).isEqualTo(Duration.ofMillis(above));
  }
}
