package io.msec.device.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.Reading.Location;
import io.msec.core.Reading.Quantity;
import io.msec.device.replay.Dataset.DeviceSeries;
import io.msec.device.replay.Dataset.Observation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonDatasetTest {
  @TempDir Path folder;

  private Dataset read(String files, String records) {
    String mapping =
        """
        {"name": "j", "files": "%s", "format": "json", %s
         "time": {"column": "time", "format": "epoch-s"},
         "device": {"column": "/sensor/id"}, "deviceType": "pm-sensor",
         "location": {"latColumn": "/sensor/lat", "lonColumn": "/sensor/lon"},
         "properties": [{"column": "pm10", "unit": "ug/m3", "min": 0, "max": 1000}]}
        """
            .formatted(files, records == null ? "" : "\"records\": \"" + records + "\",");
    return Dataset.read(folder, DatasetMapping.parse(mapping, "j"));
  }

  @Test
  void readsAnArrayOfRecordsWithPointersIntoNestedMembers() throws IOException {
    Files.writeString(
        folder.resolve("a.json"),
        """
        [{"time": 1554076814, "sensor": {"id": 5331, "lat": 57.138, "lon": -2.077}, "pm10": 9.47},
         {"time": 1554076800, "sensor": {"id": 5331, "lat": 57.138, "lon": -2.077}, "pm10": "8.5"},
         {"time": 1554076900, "sensor": {"id": 7789, "lat": 57.13, "lon": -2.087}, "pm10": null}]
        """);

    Dataset data = read("*.json", null);

    DeviceSeries sensor = data.devices().get(0);
    assertThat(sensor.id()).isEqualTo("5331");
    assertThat(sensor.observations())
        .extracting(Observation::time)
        .containsExactly(Instant.ofEpochSecond(1554076800), Instant.ofEpochSecond(1554076814));
    assertThat(sensor.observations().get(1).properties().get("pm10"))
        .isEqualTo(new Quantity(9.47, "ug/m3"));
    assertThat(sensor.location()).isEqualTo(new Location(57.138, -2.077));
    assertThat(data.skipped()).containsEntry("missing-value", 1L).containsEntry("empty-row", 1L);
  }

  @Test
  void readsJsonLinesAndArraysNamedByAPointer() throws IOException {
    Files.writeString(
        folder.resolve("b.jsonl"),
        """
        {"time": 1, "sensor": {"id": "x", "lat": 1, "lon": 2}, "pm10": 1}
        {"time": 2, "sensor": {"id": "x", "lat": 1, "lon": 2}, "pm10": 2}
        """);
    Files.writeString(
        folder.resolve("c.json"),
        "{\"data\": {\"items\": [{\"time\": 3, \"sensor\": {\"id\": \"y\"}, \"pm10\": 3}]}}");

    assertThat(read("*.jsonl", null).observationCount()).isEqualTo(2);
    assertThat(read("c.json", "/data/items").devices().get(0).id()).isEqualTo("y");
    assertThatThrownBy(() -> read("c.json", "/data/nothing"))
        .hasMessageContaining("'/data/nothing' is not an array");
  }
}
