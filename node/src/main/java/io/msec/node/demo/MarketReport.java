package io.msec.node.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.ledger.Account;
import io.msec.market.agent.VentilationAgent;
import io.msec.market.client.MarketClient;
import io.msec.node.Node;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The market report closing the demo, read back from the node's API as anyone can read it: offers,
 * purchases with their escrow, ratings, the reputation ranking, the ventilation agent's commands
 * with the CO2 that triggered them and its twin, and the supply check (all balances plus the escrow
 * held equal the supply).
 */
final class MarketReport {
  private final Node node;
  private final MarketClient market;
  private final PrintStream out;
  private final Map<DidKey, String> names = new HashMap<>();
  private VentilationAgent agent;
  private DidKey controller;

  MarketReport(Node node, MarketClient market, PrintStream out) {
    this.node = node;
    this.market = market;
    this.out = out;
  }

  /** Shows {@code account} as {@code name}. */
  void name(DidKey account, String name) {
    names.put(account, name);
  }

  /** Reports what {@code agent} did, on the twin of {@code controller}. */
  void agent(VentilationAgent agent, DidKey controller) {
    this.agent = agent;
    this.controller = controller;
  }

  void print() {
    out.println();
    out.println("== market report ==");
    Set<DidKey> providers = offers();
    purchases(providers);
    reputation();
    if (agent != null) {
      commands();
    }
    supply();
  }

  private Set<DidKey> offers() {
    JsonNode offers = market.search(Map.of("all", "true"));
    Set<DidKey> providers = new LinkedHashSet<>();
    out.printf(Locale.ROOT, "offers: %d%n", offers.size());
    for (JsonNode o : offers) {
      DidKey provider = DidKey.parse(o.path("dct:publisher").asText());
      providers.add(provider);
      out.printf(
          Locale.ROOT,
          "  %-7s %3d tokens  sold %d  %-34s %s%n",
          o.path("msec:product").path("kind").asText(),
          o.path("msec:price").asLong(),
          o.path("msec:sold").asLong(),
          name(provider),
          o.path("dct:title").asText());
    }
    return providers;
  }

  private void purchases(Set<DidKey> providers) {
    List<JsonNode> orders = new ArrayList<>();
    providers.forEach(p -> market.ordersOfProvider(p).forEach(orders::add));
    Map<String, long[]> escrow = new HashMap<>();
    for (String state : List.of("settled", "held", "refunded")) {
      escrow.put(state, new long[2]);
    }
    out.printf(Locale.ROOT, "purchases: %d%n", orders.size());
    for (JsonNode o : orders) {
      String state = o.path("escrow").path("state").asText();
      long amount = Long.parseLong(o.path("escrow").path("amount").asText("0"));
      long[] sum = escrow.computeIfAbsent(state, k -> new long[2]);
      sum[0]++;
      sum[1] += amount;
      JsonNode rating = o.path("rating");
      out.printf(
          Locale.ROOT,
          "  %-18s from %-34s %3d tokens, escrow %-8s %s%n",
          name(DidKey.parse(o.path("buyer").asText())),
          name(DidKey.parse(o.path("provider").asText())),
          amount,
          state,
          rating.isMissingNode()
              ? "not rated"
              : "rated "
                  + rating.path("score").asInt()
                  + " \""
                  + rating.path("comment").asText()
                  + "\"");
    }
    out.printf(
        Locale.ROOT,
        "escrow: settled %d (%d tokens), held %d (%d tokens), refunded %d (%d tokens)%n",
        escrow.get("settled")[0],
        escrow.get("settled")[1],
        escrow.get("held")[0],
        escrow.get("held")[1],
        escrow.get("refunded")[0],
        escrow.get("refunded")[1]);
  }

  private void reputation() {
    JsonNode ranking = market.reputation();
    out.println(
        "reputation (GET /api/v1/market/reputation; ratings weigh by tokens paid and start from a"
            + " prior of 3 worth 100 tokens, so a few ratings move a score only a little):");
    for (JsonNode p : ranking.path("providers")) {
      out.printf(
          Locale.ROOT,
          "  %d. %-34s score %.3f  (rating %.2f from %d paid rating(s), data quality %.3f)%n",
          p.path("rank").asInt(),
          name(DidKey.parse(p.path("provider").asText())),
          p.path("score").asDouble(),
          p.path("ratingScore").asDouble(),
          p.path("ratings").asInt(),
          p.path("quality").path("ratio").asDouble());
    }
  }

  private void commands() {
    out.println("ventilation agent's commands on its own twin, with the CO2 that triggered them:");
    for (VentilationAgent.Switch s : agent.switches()) {
      out.printf(
          Locale.ROOT,
          "  ventilation=%-3s at %4.0f ppm (reading %d, observed %s)%n",
          s.value(),
          s.ppm(),
          s.seq(),
          s.observedAt());
    }
    if (agent.switches().isEmpty()) {
      out.println("  none: the readings it received never crossed its threshold");
    }
    out.printf(
        Locale.ROOT,
        "  twin now (GET /api/v1/twins/%s): ventilation=%s%n",
        MarketScenario.shortDid(controller),
        twinVentilation());
    out.printf(
        Locale.ROOT,
        "  budget: spent %d of %d; balance %d%n",
        agent.budget().spent(),
        agent.budget().maxTotal(),
        market.balance(controller));
  }

  private String twinVentilation() {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(node.httpUrl() + "/api/v1/twins/" + controller))
            .GET()
            .build();
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
      JsonNode twin = Json.mapper().readTree(r.body());
      return twin.path("commands").path("value").path("ventilation").path("value").asText("none");
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown (interrupted)";
    }
  }

  private void supply() {
    long balances =
        node.ledger().entries("account/").stream().mapToLong(e -> ((Account) e).balance()).sum();
    long held = node.market().market().escrowHeld();
    long supply = node.ledger().totalSupply();
    out.printf(
        Locale.ROOT,
        "supply check: balances %d + escrow held %d = %d, supply %d: %s%n",
        balances,
        held,
        balances + held,
        supply,
        balances + held == supply ? "holds" : "BROKEN");
  }

  private String name(DidKey account) {
    return names.getOrDefault(account, MarketScenario.shortDid(account));
  }
}
