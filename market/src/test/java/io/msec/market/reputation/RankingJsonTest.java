package io.msec.market.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An auditor holding only the served JSON recomputes every score. */
class RankingJsonTest {
  @Test
  void everyScoreCanBeRecomputedFromTheServedJsonAlone() throws Exception {
    Population population = new Population(3);
    population.purchases.add(
        new RatedPurchase(Population.ATTACKER, Accounts.named("unpaid"), 5, 0, Population.NOW));
    String served = population.rank().toJson().toString();

    JsonNode json = Json.mapper().readTree(served);

    JsonNode f = json.get("formula");
    Map<String, Double> paidByBuyer = new HashMap<>();
    for (JsonNode provider : json.get("providers")) {
      for (JsonNode buyer : provider.get("buyers")) {
        paidByBuyer.merge(buyer.get("buyer").asText(), recomputePaid(buyer, json), Double::sum);
      }
    }
    assertThat(json.get("providers")).hasSize(Population.PROVIDERS + 1);
    for (JsonNode provider : json.get("providers")) {
      assertThat(provider.get("score").asDouble())
          .as(provider.get("provider").asText())
          .isCloseTo(recomputeScore(provider, f, json, paidByBuyer), within(1e-9));
    }
  }

  @Test
  void theJsonNamesTheFormulaTheTimeAndEachBuyersPurchases() {
    ObjectNode json = new Population(3).rank().toJson();

    assertThat(json.get("version").asText()).isEqualTo("msec-reputation/1");
    assertThat(json.get("now").asLong()).isEqualTo(Population.NOW);
    assertThat(json.get("formula").get("newcomerCap").asDouble()).isEqualTo(50.0);
    JsonNode first = json.get("providers").get(0);
    assertThat(first.get("rank").asInt()).isEqualTo(1);
    assertThat(first.get("quality").get("stored").asLong()).isPositive();
    assertThat(first.get("buyers").get(0).get("purchases").get(0).has("at")).isTrue();
  }

  private static double recomputePaid(JsonNode buyer, JsonNode json) {
    double paid = 0;
    for (JsonNode p : buyer.get("purchases")) {
      double age = Math.max(0, json.get("now").asLong() - p.get("at").asLong());
      double halfLife = json.get("formula").get("halfLifeMillis").asDouble();
      paid += p.get("paid").asLong() * Math.pow(0.5, age / halfLife);
    }
    return paid;
  }

  private static double recomputeScore(
      JsonNode provider, JsonNode f, JsonNode json, Map<String, Double> paidByBuyer) {
    double knee = f.get("knee").asDouble();
    double proven = 0;
    double provenSum = 0;
    double newcomer = 0;
    double newcomerSum = 0;
    for (JsonNode buyer : provider.get("buyers")) {
      double paid = recomputePaid(buyer, json);
      double elsewhere = paidByBuyer.get(buyer.get("buyer").asText()) - paid;
      double share = Math.min(1, elsewhere / paid);
      double voice = paid <= knee ? paid : Math.sqrt(knee * paid);
      double mean = 0;
      for (JsonNode p : buyer.get("purchases")) {
        double age = Math.max(0, json.get("now").asLong() - p.get("at").asLong());
        mean +=
            p.get("score").asInt()
                * p.get("paid").asLong()
                * Math.pow(0.5, age / f.get("halfLifeMillis").asDouble());
      }
      mean /= paid;
      proven += voice * share;
      provenSum += voice * share * mean;
      newcomer += voice * (1 - share);
      newcomerSum += voice * (1 - share) * mean;
    }

    double cap = f.get("newcomerCap").asDouble();
    double scale = newcomer > cap ? cap / newcomer : 1;
    double prior = f.get("priorWeight").asDouble();
    double rating =
        (f.get("priorScore").asDouble() * prior + provenSum + scale * newcomerSum)
            / (prior + proven + scale * newcomer);
    JsonNode q = provider.get("quality");
    double quality =
        (q.get("stored").asDouble() - q.get("implausible").asDouble())
            / (q.get("stored").asDouble()
                + q.get("rejected").asDouble()
                + q.get("gaps").asDouble()
                + f.get("qualityPriorReadings").asDouble());
    return f.get("ratingShare").asDouble() * (rating - 1) / 4
        + f.get("qualityShare").asDouble() * quality;
  }
}
