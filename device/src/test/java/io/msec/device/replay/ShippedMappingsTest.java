package io.msec.device.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.msec.core.Reading.Location;
import io.msec.core.Reading.Quantity;
import io.msec.device.internal.BundledDatasets;
import io.msec.device.replay.Dataset.DeviceSeries;
import io.msec.device.replay.Dataset.Observation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedMappingsTest {
  private static final Map<String, Dataset> READ = new java.util.concurrent.ConcurrentHashMap<>();

  private static Dataset read(String name) {
    return READ.computeIfAbsent(
        name, n -> Dataset.read(SharedData.folder(n), DatasetMapping.shipped(n).orElseThrow()));
  }

  private static DeviceSeries device(Dataset data, String id) {
    return data.devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void occupancyDetectionIsOneOfficeInBrusselsTimeWithAllRowsOfTheThreeFiles() {
    Dataset data = read("occupancy-detection-uci");

    assertThat(data.devices()).hasSize(1);
    DeviceSeries office = data.devices().get(0);
    assertThat(office.observations()).hasSize(20_560);
    assertThat(data.skipped()).isEmpty();
    Observation first = office.observations().get(0);
    assertThat(first.time()).isEqualTo(Instant.parse("2015-02-02T13:19:00Z"));
    assertThat(first.properties())
        .containsEntry("temperature", new Quantity(23.7, "Cel"))
        .containsEntry("humidity", new Quantity(26.272, "%"))
        .containsEntry("illuminance", new Quantity(585.2, "lx"))
        .containsEntry("co2", new Quantity(749.2, "[ppm]"))
        .containsEntry("humidityRatio", new Quantity(0.00476416302416414, "kg/kg"))
        .containsEntry("occupancy", new Quantity(1, "1"));
    assertThat(office.location()).isEqualTo(new Location(50.4542, 3.9567));
    assertThat(first.location()).isNull();
    assertThat(office.schema().get("co2").unit()).isEqualTo("[ppm]");
  }

  @Test
  void occupancyDetectionReadsTheUnquotedDatesOfTheThirdFile() {
    DeviceSeries office = read("occupancy-detection-uci").devices().get(0);

    Observation unquoted =
        office.observations().stream()
            .filter(o -> o.time().equals(Instant.parse("2015-02-11T13:48:00Z")))
            .findFirst()
            .orElseThrow();
    assertThat(unquoted.properties().get("co2").value()).isEqualTo(1029.66666666667);
    assertThat(office.observations().get(office.observations().size() - 1).time())
        .isEqualTo(Instant.parse("2015-02-18T08:19:00Z"));
  }

  @Test
  void smartBuildingHasOneDevicePerRoomFileInUtc() {
    Dataset data = read("smart-building-rooms-co2");

    assertThat(data.devices())
        .extracting(DeviceSeries::id)
        .containsExactly(
            "413", "415", "423", "446", "511", "552", "640", "644", "719", "723", "776");
    assertThat(data.observationCount()).isEqualTo(109_166);
    DeviceSeries room = device(data, "413");
    assertThat(room.name()).isEqualTo("room 413");
    assertThat(room.observations()).hasSize(10_923);
    Observation first = room.observations().get(0);
    assertThat(first.time()).isEqualTo(Instant.parse("2013-08-23T23:05:00Z"));
    assertThat(first.properties().get("co2")).isEqualTo(new Quantity(494.72727272727275, "[ppm]"));
    assertThat(first.properties().get("temperature").value())
        .isCloseTo(23.92777777777778, within(1e-12));
    assertThat(device(data, "511").observations()).hasSize(3_855);
  }

  @Test
  void luftdatenHasTwentyGeolocatedSensorsWithPm10AndPm25() {
    Dataset data = read("luftdaten-aberdeen-pm");

    assertThat(data.devices()).hasSize(20);
    assertThat(data.observationCount()).isEqualTo(73_961);
    assertThat(data.skipped()).isEmpty();
    DeviceSeries sensor = device(data, "5331");
    assertThat(sensor.observations()).hasSize(4_048);
    assertThat(sensor.location()).isEqualTo(new Location(57.138, -2.077));
    Observation first = sensor.observations().get(0);
    assertThat(first.time()).isEqualTo(Instant.parse("2019-04-01T00:00:14Z"));
    assertThat(first.properties())
        .isEqualTo(
            Map.of("pm10", new Quantity(9.47, "ug/m3"), "pm25", new Quantity(1.80, "ug/m3")));
    assertThat(first.location()).isEqualTo(new Location(57.138, -2.077));
    assertThat(device(data, "22597").observations()).hasSize(1_099);
  }

  @Test
  void roomOccupancyEstimationSplitsTheRowIntoItsSensorNodesInIndianTime() {
    Dataset data = read("room-occupancy-estimation-uci");

    assertThat(data.devices())
        .extracting(DeviceSeries::id)
        .containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7", "occupancy");
    DeviceSeries co2 = device(data, "S5");
    assertThat(co2.type()).isEqualTo("co2-sensor");
    assertThat(co2.observations()).as("two rows have no CO2 value").hasSize(10_127);
    assertThat(data.skipped()).containsKey("empty-row").containsKey("missing-value");
    assertThat(co2.observations().get(0).time()).isEqualTo(Instant.parse("2017-12-22T05:19:41Z"));
    assertThat(co2.observations().get(0).properties())
        .isEqualTo(Map.of("co2", new Quantity(390, "[ppm]")));
    assertThat(device(data, "S1").observations().get(0).properties())
        .containsEntry("temperature", new Quantity(24.94, "Cel"))
        .containsEntry("illuminance", new Quantity(121, "lx"))
        .containsEntry("sound", new Quantity(0.08, "V"));
  }

  @Test
  void nabHasOneDevicePerSeriesWithItsOwnProperty() {
    Dataset data = read("nab-traffic-and-fault-sensors");

    assertThat(data.devices()).hasSize(8);
    DeviceSeries speed = device(data, "speed_6005");
    assertThat(speed.observations()).hasSize(2_500);
    assertThat(speed.schema().get("speed").unit()).isEqualTo("km/h");
    assertThat(speed.observations().get(0).properties().get("speed").value())
        .as("the first row, 2015-08-31 18:22, reads 90 mph")
        .isCloseTo(90 * 1.609344, within(1e-9));
    assertThat(speed.location()).isNotNull();
    DeviceSeries temperature = device(data, "office-temperature");
    assertThat(temperature.location()).isNull();
    assertThat(temperature.observations()).hasSize(7_267);
    assertThat(temperature.observations().get(0).time())
        .isEqualTo(Instant.parse("2013-07-04T00:00:00Z"));
  }

  @Test
  void bundledLuftdatenSubsetHasSixSensorsOverTwoDays(@TempDir Path folder) {
    Path data = BundledDatasets.extract("luftdaten-aberdeen-pm", folder);

    Dataset dataset =
        Dataset.read(data, DatasetMapping.shipped("luftdaten-aberdeen-pm").orElseThrow());

    assertThat(dataset.devices())
        .extracting(DeviceSeries::id)
        .containsExactly("15092", "16422", "22449", "22612", "5331", "8554");
    assertThat(dataset.devices())
        .allSatisfy(
            d ->
                assertThat(d.observations().get(d.observations().size() - 1).time())
                    .isBefore(Instant.parse("2019-04-03T00:00:00Z")));
    assertThat(folder.resolve("LICENSE.md")).doesNotExist();
    assertThat(BundledDatasets.list("luftdaten-aberdeen-pm")).hasSize(12);
  }
}
