package io.msec.device.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.MsecException;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MappingParserTest {
  private static final String VALID =
      """
      {"name": "rooms", "files": "*.csv",
       "time": {"column": "t", "format": "yyyy-MM-dd HH:mm", "zone": "Europe/Brussels"},
       "device": {"path": "([^/]+)\\\\.csv"}, "deviceType": "co2-sensor", "deviceName": "room {id}",
       "location": {"lat": 50.45, "lon": 3.95},
       "properties": [{"column": "co2", "unit": "[ppm]", "min": 0, "max": 10000}]}
      """;

  private static MsecException refusal(String json) {
    try {
      DatasetMapping.parse(json, "test.json");
    } catch (MsecException e) {
      return e;
    }
    throw new AssertionError("mapping was accepted: " + json);
  }

  @Test
  void readsAValidMappingWithDefaults() {
    DatasetMapping mapping = DatasetMapping.parse(VALID, "test.json");

    DatasetMapping.Source source = mapping.sources().get(0);
    assertThat(mapping.name()).isEqualTo("rooms");
    assertThat(source.delimiter()).isEqualTo(',');
    assertThat(source.header()).isTrue();
    assertThat(source.time().zone()).isEqualTo(ZoneId.of("Europe/Brussels"));
    assertThat(source.properties().get(0).name()).isEqualTo("co2");
    assertThat(source.displayName("413")).isEqualTo("room 413");
    assertThat(source.device().path().matcher("413.csv").matches()).isTrue();
  }

  @Test
  void sourcesInheritTheTopLevelFieldsAndOverrideThem() {
    String json =
        VALID.replace(
            "\"properties\"",
            "\"sources\": [{\"device\": {\"id\": \"a\"}}, {\"device\": {\"id\": \"b\"},"
                + " \"deviceType\": \"motion-sensor\", \"location\": null}], \"properties\"");

    DatasetMapping mapping = DatasetMapping.parse(json, "test.json");

    assertThat(mapping.sources()).hasSize(2);
    assertThat(mapping.sources().get(0).device().fixed()).isEqualTo("a");
    assertThat(mapping.sources().get(0).deviceType()).isEqualTo("co2-sensor");
    assertThat(mapping.sources().get(0).location()).isNotNull();
    assertThat(mapping.sources().get(1).deviceType()).isEqualTo("motion-sensor");
    assertThat(mapping.sources().get(1).location()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown zone|\"Europe/Brussels\"|\"Mars/Olympus\"|time.zone",
        "bad pattern|\"yyyy-MM-dd HH:mm\"|\"yyyy-MM-dd qqqqqq\"|time.format",
        "missing unit|\"unit\": \"[ppm]\", ||properties[0].unit",
        "missing max|, \"max\": 10000||properties[0].max",
        "min above max|\"min\": 0|\"min\": 20000|properties[0].min",
        "typo in a field|\"deviceType\"|\"devicetype\"|devicetype",
        "path without group|([^/]+)|[^/]+|device.path",
        "two device choices|{\"path\"|{\"id\": \"x\", \"path\"|device",
        "latitude out of range|50.45|95.0|location",
        "long delimiter|\"files\"|\"delimiter\": \";;\", \"files\"|delimiter",
        "bad name|\"rooms\"|\"my rooms\"|name"
      })
  void namesTheFieldThatIsWrong(String what, String from, String to, String field) {
    String json = VALID.replace(from, to == null ? "" : to);

    MsecException e = refusal(json);

    assertThat(e.code()).isEqualTo("bad-mapping");
    assertThat(e.getMessage()).contains("test.json").contains("'" + field + "'");
  }

  @Test
  void refusesTextThatIsNotJson() {
    assertThat(refusal("{\"name\": ").getMessage()).contains("not valid JSON");
  }

  @Test
  void refusesAMappingWithoutProperties() {
    String json = VALID.replaceAll(",\\s*\"properties\": \\[.*\\]", "");

    assertThat(refusal(json).getMessage()).contains("'properties'").contains("non-empty array");
  }

  @Test
  void refusesAHeaderlessSourceWithoutColumnNames() {
    String json = VALID.replace("\"files\"", "\"header\": false, \"files\"");

    assertThatThrownBy(() -> DatasetMapping.parse(json, "test.json"))
        .hasMessageContaining("'columns'");
  }

  @Test
  void findsShippedMappingsByDatasetName() {
    assertThat(DatasetMapping.shipped("occupancy-detection-uci")).isPresent();
    assertThat(DatasetMapping.shipped("no-such-dataset")).isEmpty();
  }
}
