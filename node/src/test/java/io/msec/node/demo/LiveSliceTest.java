package io.msec.node.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.core.Reading;
import io.msec.device.DeviceRegistration;
import io.msec.device.replay.Dataset;
import io.msec.device.replay.DatasetMapping;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing the stretch of a room's readings that the demo plays live to the ventilation agent. */
class LiveSliceTest {
  private static final Instant T0 = Instant.parse("2015-02-02T08:00:00Z");

  @Test
  void holdsBackTheLastRiseAboveTheThresholdThatFallsBelowTheHysteresisSoon() {
    List<Double> co2 = new ArrayList<>();
    add(co2, 500, 40);
    add(co2, 1100, 10); // rise at 40
    add(co2, 950, 5); // still within the hysteresis
    add(co2, 850, 30); // fall at 55
    add(co2, 1300, 300); // a last rise that does not fall soon enough
    add(co2, 700, 5);
    Dataset data = dataset(room("office", co2), room("corridor", List.of(400.0, 420.0)));

    LiveSlice slice = LiveSlice.find(data, 1000, 100).orElseThrow();

    assertThat(slice.room().id()).isEqualTo("office");
    assertThat(slice.from()).isEqualTo(40 - 20);
    assertThat(slice.to()).isEqualTo(55 + 1 + 10);
    assertThat(slice.firstSeq()).isEqualTo(21);
    assertThat(slice.restSize()).isEqualTo(co2.size() - 66);
    assertThat(series(slice.before(), "office")).hasSize(20);
    assertThat(series(slice.before(), "corridor")).hasSize(2);
    assertThat(slice.live().devices())
        .extracting(Dataset.DeviceSeries::id)
        .containsExactly("office");
    assertThat(series(slice.live(), "office")).hasSize(66);
    assertThat(series(slice.rest(), "office")).hasSize(co2.size());
    assertThat(slice.speedFor(Duration.ofSeconds(5)).factor()).isEqualTo(45 * 60 / 5.0);
  }

  @Test
  void findsNothingWhenNoRoomFallsBackBelowTheHysteresisInTime() {
    List<Double> co2 = new ArrayList<>();
    add(co2, 500, 40);
    add(co2, 1100, 200);
    add(co2, 500, 10);

    assertThat(LiveSlice.find(dataset(room("office", co2)), 1000, 100)).isEmpty();
  }

  private static void add(List<Double> values, double ppm, int times) {
    for (int i = 0; i < times; i++) {
      values.add(ppm);
    }
  }

  private static List<Dataset.Observation> series(Dataset data, String id) {
    return data.devices().stream()
        .filter(d -> d.id().equals(id))
        .findFirst()
        .orElseThrow()
        .observations();
  }

  private static Dataset.DeviceSeries room(String id, List<Double> co2) {
    List<Dataset.Observation> obs = new ArrayList<>();
    for (int i = 0; i < co2.size(); i++) {
      obs.add(
          new Dataset.Observation(
              T0.plusSeconds(60L * i),
              Map.of("co2", new Reading.Quantity(co2.get(i), "[ppm]")),
              null));
    }
    return new Dataset.DeviceSeries(
        id,
        "indoor-climate-sensor",
        id,
        new Reading.Location(50.45, 3.95),
        Map.of("co2", new DeviceRegistration.PropertySchema("[ppm]", 0.0, 10000.0)),
        obs);
  }

  private static Dataset dataset(Dataset.DeviceSeries... rooms) {
    return new Dataset(
        DatasetMapping.shipped("occupancy-detection-uci").orElseThrow(),
        List.of(rooms),
        0,
        Map.of());
  }
}
