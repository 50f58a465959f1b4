package io.msec.market.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.core.Reading;
import org.junit.jupiter.api.Test;

/** Which catalogue offers are of a smart object's room. */
class RoomTest {
  @Test
  void matchesItsNameInTheTitleDescriptionOrKeywordsIgnoringCase() {
    Room room = Room.named("Office Room, Mons");

    assertThat(room.matches(offer("CO2 of office room, mons", "", "co2", null))).isTrue();
    assertThat(room.matches(offer("CO2", "the OFFICE ROOM, MONS, every minute", "co2", null)))
        .isTrue();
    assertThat(room.matches(offer("CO2", "", "office room, Mons", null))).isTrue();
    assertThat(room.matches(offer("CO2 of office room, Liège", "", "co2", null))).isFalse();
  }

  @Test
  void matchesDevicesWhoseAreaComesWithinItsRadius() {
    Room room = new Room(null, new Reading.Location(50.4542, 3.9567), 100);

    assertThat(
            room.matches(offer("CO2", "", "co2", new double[] {3.9567, 50.4542, 3.9567, 50.4542})))
        .isTrue();
    // About 55 m north.
    assertThat(room.matches(offer("CO2", "", "co2", new double[] {3.9567, 50.4547, 3.96, 50.46})))
        .isTrue();
    // About 1.1 km north.
    assertThat(room.matches(offer("CO2", "", "co2", new double[] {3.9567, 50.4642, 3.96, 50.47})))
        .isFalse();
    assertThat(room.matches(offer("CO2", "", "co2", null))).isFalse();
  }

  @Test
  void measuresDistancesOnTheEarth() {
    assertThat(Room.distanceMetres(50, 4, 51, 4)).isBetween(111_000.0, 111_400.0);
    assertThat(Room.distanceMetres(0, 0, 0, 1)).isBetween(111_000.0, 111_400.0);
    assertThat(Room.distanceMetres(60, 0, 60, 1)).isBetween(55_400.0, 55_800.0);
  }

  @Test
  void needsANameOrALocation() {
    assertThatThrownBy(() -> new Room(" ", null, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonNode offer(String title, String description, String keyword, double[] box) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("dct:title", title);
    o.put("dct:description", description);
    o.putArray("dcat:keyword").add(keyword);
    if (box != null) {
      var bbox = o.putObject("dct:spatial").putArray("dcat:bbox");
      for (double v : box) {
        bbox.add(v);
      }
    }
    return o;
  }
}
