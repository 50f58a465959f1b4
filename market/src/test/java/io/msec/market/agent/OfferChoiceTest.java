package io.msec.market.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.market.UsagePolicy;
import io.msec.market.client.Budget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a smart object picks the offer it buys from catalogue answers. */
class OfferChoiceTest {
  private static final Room ROOM = Room.named("room 413");
  private static final UsagePolicy VENTILATION =
      UsagePolicy.forPurposes("ventilation-control", "research");

  @Test
  void picksTheCheapestAvailableStreamOfTheRoomThatAllowsItsPurpose() {
    List<JsonNode> catalogue =
        List.of(
            offer("a", "CO2 of room 413", "stream", 12, "available", VENTILATION, 1),
            offer(
                "b", "CO2 of Room 413, minute by minute", "stream", 8, "available", VENTILATION, 2),
            offer("c", "CO2 of room 415", "stream", 1, "available", VENTILATION, 3),
            offer("d", "CO2 of room 413, last week", "history", 2, "available", VENTILATION, 4),
            offer("e", "CO2 of room 413", "stream", 3, "withdrawn", VENTILATION, 5),
            offer("f", "CO2 of room 413", "stream", 4, "available", research(), 6));

    OfferChoice choice =
        OfferChoice.pick(catalogue, ROOM, "ventilation-control", null, new Budget(20, 100), 100);

    assertThat(OfferChoice.id(choice.offer())).isEqualTo("b");
    assertThat(choice.reason()).isNull();
  }

  @Test
  void ofEqualPricesPicksTheOlderOffer() {
    List<JsonNode> catalogue =
        List.of(
            offer("new", "room 413", "stream", 5, "available", VENTILATION, 9),
            offer("old", "room 413", "stream", 5, "available", VENTILATION, 1));

    OfferChoice choice =
        OfferChoice.pick(catalogue, ROOM, "ventilation-control", null, new Budget(20, 100), 100);

    assertThat(OfferChoice.id(choice.offer())).isEqualTo("old");
  }

  @Test
  void buysNothingAboveTheCapAPurchaseWhatIsLeftOrTheBalanceAndSaysWhy() {
    List<JsonNode> catalogue =
        List.of(
            offer("a", "room 413", "stream", 25, "available", VENTILATION, 1),
            offer("b", "room 413", "stream", 9, "available", VENTILATION, 2));

    OfferChoice overCap =
        OfferChoice.pick(catalogue, ROOM, "ventilation-control", null, new Budget(8, 100), 100);
    OfferChoice overTotal =
        OfferChoice.pick(catalogue, ROOM, "ventilation-control", null, new Budget(50, 6), 100);
    OfferChoice overBalance =
        OfferChoice.pick(catalogue, ROOM, "ventilation-control", null, new Budget(50, 100), 7);

    assertThat(overCap.offer()).isNull();
    assertThat(overCap.reason())
        .isEqualTo(
            "the cheapest of 2 offers costs 9 tokens, above what it may pay: 8 a purchase,"
                + " 100 left of its budget of 100, 100 in its account");
    assertThat(overTotal.offer()).isNull();
    assertThat(overTotal.reason()).contains("6 left of its budget of 6");
    assertThat(overBalance.offer()).isNull();
    assertThat(overBalance.reason()).contains("7 in its account");
  }

  @Test
  void saysSoWhenNoStreamOfTheRoomIsOffered() {
    OfferChoice choice =
        OfferChoice.pick(
            List.of(offer("c", "room 415", "stream", 1, "available", VENTILATION, 1)),
            ROOM,
            "ventilation-control",
            null,
            new Budget(20, 100),
            100);

    assertThat(choice.offer()).isNull();
    assertThat(choice.reason()).startsWith("no CO2 stream of the room is offered");
  }

  private static UsagePolicy research() {
    return UsagePolicy.forPurposes("research");
  }

  private static JsonNode offer(
      String id,
      String title,
      String kind,
      long price,
      String status,
      UsagePolicy policy,
      int issuedDay) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("dct:identifier", id);
    o.put("dct:title", title);
    o.put("dct:description", "");
    o.putArray("dcat:keyword").add("co2");
    o.put("dct:issued", String.format("2026-12-%02dT00:00:00Z", issuedDay));
    o.putObject("msec:product").put("kind", kind);
    o.put("msec:price", price);
    o.put("msec:status", status);
    o.set("odrl:hasPolicy", policy.toOdrl());
    return o;
  }
}
