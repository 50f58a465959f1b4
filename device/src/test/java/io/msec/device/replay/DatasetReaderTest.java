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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {
  @TempDir Path folder;

  private static final String MAPPING =
      """
      {"name": "test", "files": "*/*.csv", "delimiter": ";",
       "time": {"column": "when", "format": "dd/MM/yyyy HH:mm", "zone": "Europe/Brussels"},
       "device": {"path": "([^/]+)/.*"}, "deviceType": "t", "deviceName": "sensor {id}",
       "location": {"latColumn": "lat", "lonColumn": "lon"},
       "properties": [
         {"column": "a", "name": "alpha", "unit": "Cel", "min": -50, "max": 50},
         {"column": "b", "name": "beta", "unit": "%", "min": 0, "max": 100,
          "scale": 100, "offset": 0.5}]}
      """;

  private void write(String path, String text) throws IOException {
    Path file = folder.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private Dataset read() {
    return Dataset.read(folder, DatasetMapping.parse(MAPPING, "test"));
  }

  @Test
  void ordersEachDevicesRowsByTimeAcrossFilesAndConvertsToUtc() throws IOException {
    write("x/2.csv", "when;a;b;lat;lon\n02/07/2020 10:00;3;30;50.1;4.1\n");
    write(
        "x/1.csv",
        "when;a;b;lat;lon\n01/07/2020 10:00;1;10;50.1;4.1\n\n02/07/2020 09:00;2;20;50.1;4.1\n");

    DeviceSeries x = read().devices().get(0);

    assertThat(x.id()).isEqualTo("x");
    assertThat(x.name()).isEqualTo("sensor x");
    assertThat(x.observations())
        .extracting(Observation::time)
        .containsExactly(
            Instant.parse("2020-07-01T08:00:00Z"),
            Instant.parse("2020-07-02T07:00:00Z"),
            Instant.parse("2020-07-02T08:00:00Z"));
    assertThat(x.observations())
        .extracting(o -> o.properties().get("alpha").value())
        .containsExactly(1.0, 2.0, 3.0);
    assertThat(x.observations().get(0).properties().get("beta"))
        .as("scaled and offset into the mapped unit")
        .isEqualTo(new Quantity(1000.5, "%"));
    assertThat(x.location()).isEqualTo(new Location(50.1, 4.1));
  }

  @Test
  void leavesOutMissingValuesAndSkipsRowsWithNothingLeftCountingBoth() throws IOException {
    write(
        "y/1.csv",
        "when;a;b;lat;lon\n"
            + "01/07/2020 10:00;;10;50;4\n"
            + "01/07/2020 10:01;NA;;50;4\n"
            + "not a time;1;1;50;4\n"
            + "01/07/2020 10:03;\"4.5\";\"\";;\n"
            + "01/07/2020 10:04\n");

    Dataset data = read();

    List<Observation> rows = data.devices().get(0).observations();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).properties()).containsOnlyKeys("beta");
    assertThat(rows.get(1).properties())
        .containsExactlyEntriesOf(java.util.Map.of("alpha", new Quantity(4.5, "Cel")));
    assertThat(rows.get(1).location()).isNull();
    assertThat(data.rowsRead()).isEqualTo(5);
    assertThat(data.skipped())
        .containsEntry("missing-value", 6L)
        .containsEntry("empty-row", 2L)
        .containsEntry("bad-time", 1L)
        .containsEntry("missing-location", 1L);
  }

  @Test
  void countsARowWithoutItsTimeFieldAsShort() throws IOException {
    write("s/1.csv", "a;b;lat;lon;when\n1;2;50;4\n1;2;50;4;01/07/2020 10:00\n");

    Dataset data = read();

    assertThat(data.skipped()).containsEntry("short-row", 1L);
    assertThat(data.devices().get(0).observations()).hasSize(1);
  }

  @Test
  void namesAMissingColumnAndTheFile() throws IOException {
    write("z/1.csv", "when;a;lat;lon\n01/07/2020 10:00;1;50;4\n");

    assertThatThrownBy(this::read)
        .hasMessageContaining("column 'b'")
        .hasMessageContaining("z/1.csv");
  }

  @Test
  void refusesAFolderWhereNoFileMatches() throws IOException {
    write("top.csv", "when;a;b\n");

    assertThatThrownBy(this::read).hasMessageContaining("no file");
  }
}
