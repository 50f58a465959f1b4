package io.msec.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.Reading;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwinNgsiLdTest {
  private static final DidKey DEVICE = Readings.device(1).did();
  private static final Instant AT = Instant.parse("2026-12-04T08:15:00.250Z");

  private static Twin twin(Reading.Location location) {
    return new Twin(
        DEVICE,
        42,
        AT,
        Map.of(
            "co2", new TwinProperty(721.25, "[ppm]", AT),
            "temperature", new TwinProperty(21.5, "Cel", AT.minusSeconds(60)),
            "noise", new TwinProperty(3, "B[SPL]", AT)),
        location);
  }

  @Test
  void writesANormalizedDeviceEntityWithUnCefactUnitsAndTheUcumCode() throws Exception {
    ObjectNode entity =
        twin(new Reading.Location(57.15, -2.09)).toNgsiLd("co2-sensor", "room 413", null);

    JsonNode expected =
        Json.mapper()
            .readTree(
                """
                {"id":"urn:ngsi-ld:Device:%s","type":"Device",
                 "name":{"type":"Property","value":"room 413"},
                 "deviceCategory":{"type":"Property","value":["co2-sensor"]},
                 "co2":{"type":"Property","value":721.25,"observedAt":"2026-12-04T08:15:00.250Z",
                        "unitCode":"59","ucumCode":{"type":"Property","value":"[ppm]"}},
                 "noise":{"type":"Property","value":3.0,"observedAt":"2026-12-04T08:15:00.250Z",
                        "ucumCode":{"type":"Property","value":"B[SPL]"}},
                 "temperature":{"type":"Property","value":21.5,
                        "observedAt":"2026-12-04T08:14:00.250Z",
                        "unitCode":"CEL","ucumCode":{"type":"Property","value":"Cel"}},
                 "location":{"type":"GeoProperty",
                        "value":{"type":"Point","coordinates":[-2.09,57.15]}},
                 "@context":"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"}
                """
                    .formatted(DEVICE.toString().substring("did:key:".length())));
    assertThat(entity).isEqualTo(expected);
  }

  @Test
  void fallsBackToTheRegisteredLocationAndLeavesOutMissingMetadata() {
    ObjectNode entity = twin(null).toNgsiLd(null, null, new Reading.Location(1.5, 2.5));

    assertThat(entity.path("location").path("value").path("coordinates").toString())
        .isEqualTo("[2.5,1.5]");
    assertThat(entity.has("name")).isFalse();
    assertThat(entity.has("deviceCategory")).isFalse();
    assertThat(twin(null).toNgsiLd().has("location")).isFalse();
  }

  @Test
  void prefersTheReportedLocationOverTheRegisteredOne() {
    ObjectNode entity =
        twin(new Reading.Location(10, 20)).toNgsiLd(null, null, new Reading.Location(1.5, 2.5));

    assertThat(entity.path("location").path("value").path("coordinates").toString())
        .isEqualTo("[20.0,10.0]");
  }

  @Test
  void leavesOutPropertiesThatWouldOverwriteEntityMembers() {
    Twin twin =
        new Twin(
            DEVICE,
            1,
            AT,
            Map.of(
                "type", new TwinProperty(1, "1", AT),
                "location", new TwinProperty(2, "1", AT),
                "co2", new TwinProperty(400, "[ppm]", AT)),
            null);

    ObjectNode entity = twin.toNgsiLd();

    assertThat(entity.get("type").asText()).isEqualTo("Device");
    assertThat(entity.has("location")).isFalse();
    assertThat(entity.has("co2")).isTrue();
  }

  @Test
  void showsTheLatestSealedReadingWithItsEpochAndNoValue() {
    Twin twin =
        new Twin(
            DEVICE,
            9,
            AT,
            Map.of("sealed", new TwinProperty(1, "1", AT)),
            null,
            new Twin.SealedReading(9, AT, 4));

    ObjectNode entity = twin.toNgsiLd();

    // Compared canonically: the parsed expectation holds ints where the entity holds longs.
    assertThat(CanonicalJson.string(entity.get("sealed")))
        .isEqualTo(
            "{\"observedAt\":\"2026-12-04T08:15:00.250Z\",\"type\":\"Property\","
                + "\"value\":{\"epoch\":4,\"seq\":9}}");
    assertThat(twin(null).toNgsiLd().has("sealed")).isFalse();
  }
}
