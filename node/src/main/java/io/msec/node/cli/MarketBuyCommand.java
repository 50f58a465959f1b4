package io.msec.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.MsecException;
import io.msec.market.MarketCodes;
import io.msec.market.client.MarketClient;
import io.msec.market.crypto.RecipientKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code msec market buy}: buys one unit of an offer and prints the order id. With it, the buyer's
 * other steps: {@code licenses} (my purchases), {@code orders}, {@code settle} and {@code rate}.
 */
@Command(
    name = "buy",
    mixinStandardHelpOptions = true,
    description =
        "Buy one unit of an offer for one purpose; the price is held in escrow until delivery."
            + " Prints the order id.")
final class MarketBuyCommand implements Callable<Integer> {
  @Mixin MarketCommand.Connection connection;

  @Option(names = "--key", required = true, description = "The buyer's key file.")
  Path key;

  @Option(
      names = "--recipient-key",
      required = true,
      description = "The buyer's recipient key file (msec market keygen).")
  Path recipientKey;

  @Option(names = "--offer", required = true, description = "The offer id.")
  String offer;

  @Option(names = "--purpose", required = true, description = "What the data will be used for.")
  String purpose;

  @Option(names = "--region", description = "Where it will be used (ISO 3166), if asked.")
  String region;

  @Option(
      names = "--max-price",
      description = "Pay at most this many tokens (default: the offer's price now).")
  Long maxPrice;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    MarketClient client = connection.client();
    Identity buyer = MarketCommand.identity(key);
    RecipientKey recipient = RecipientKey.load(recipientKey);
    long limit =
        maxPrice != null ? maxPrice : client.offer(offer).path("msec:price").asLong(Long.MAX_VALUE);
    String order;
    try {
      order = client.buy(buyer, offer, purpose, region, recipient, limit);
    } catch (MsecException e) {
      if (!MarketCodes.INSUFFICIENT_FUNDS.equals(e.code())) {
        throw e;
      }
      throw new MsecException(
          e.code(),
          e.getMessage()
              + "; fund "
              + buyer.did()
              + " first, e.g. msec ledger transfer --to "
              + buyer.did()
              + " --amount N --key <payer key>",
          e);
    }
    spec.commandLine().getOut().println(order);
    spec.commandLine()
        .getErr()
        .println(
            "bought order "
                + order
                + "; receive it with: ./msec market fetch --node "
                + connection.node
                + " --order "
                + order
                + " --purpose "
                + purpose
                + " --key "
                + key
                + " --recipient-key "
                + recipientKey);
    return 0;
  }

  /** {@code msec market licenses}: the buyer's purchases with their state. */
  @Command(
      name = "licenses",
      mixinStandardHelpOptions = true,
      description = "Your purchases: escrow state and whether each license is valid.")
  static final class Licenses implements Callable<Integer> {
    @Mixin MarketCommand.Connection connection;

    @Option(names = "--key", required = true, description = "The buyer's key file.")
    Path key;

    @Option(names = "--json", description = "Print the orders as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      JsonNode orders = connection.client().orders(MarketCommand.identity(key).did());
      print(spec.commandLine().getOut(), orders, json);
      return 0;
    }
  }

  /** {@code msec market orders}: the orders of a provider's offers, or of a buyer. */
  @Command(
      name = "orders",
      mixinStandardHelpOptions = true,
      description = "Orders of a provider's offers (--key or --provider), or of a --buyer.")
  static final class Orders implements Callable<Integer> {
    @Mixin MarketCommand.Connection connection;

    @Option(names = "--key", description = "The provider's key file.")
    Path key;

    @Option(names = "--provider", description = "A provider's did:key.")
    String provider;

    @Option(names = "--buyer", description = "A buyer's did:key.")
    String buyer;

    @Option(names = "--json", description = "Print the orders as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      int given = (key == null ? 0 : 1) + (provider == null ? 0 : 1) + (buyer == null ? 0 : 1);
      if (given != 1) {
        throw MarketCommand.bad(spec, "give exactly one of --key, --provider and --buyer");
      }
      MarketClient client = connection.client();
      JsonNode orders;
      if (buyer != null) {
        orders = client.orders(MarketCommand.did(spec, "--buyer", buyer));
      } else {
        DidKey p =
            key != null
                ? MarketCommand.identity(key).did()
                : MarketCommand.did(spec, "--provider", provider);
        orders = client.ordersOfProvider(p);
      }
      print(spec.commandLine().getOut(), orders, json);
      return 0;
    }
  }

  /** {@code msec market settle}: acknowledges delivery. */
  @Command(
      name = "settle",
      mixinStandardHelpOptions = true,
      description = "Acknowledge delivery of an order: its escrow goes to the provider.")
  static final class Settle implements Callable<Integer> {
    @Mixin MarketCommand.Connection connection;

    @Mixin MarketCommand.BuyerOrder buyerOrder;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      connection.client().settle(buyerOrder.buyer(), buyerOrder.order);
      spec.commandLine().getOut().println("settled order " + buyerOrder.order);
      return 0;
    }
  }

  /** {@code msec market rate}: rates a settled order. */
  @Command(
      name = "rate",
      mixinStandardHelpOptions = true,
      description = "Rate a settled order, once: 1 (worst) to 5 (best).")
  static final class Rate implements Callable<Integer> {
    @Mixin MarketCommand.Connection connection;

    @Mixin MarketCommand.BuyerOrder buyerOrder;

    @Option(names = "--score", required = true, description = "1 to 5.")
    int score;

    @Option(names = "--comment", description = "At most 280 characters.")
    String comment;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (score < 1 || score > 5) {
        throw MarketCommand.bad(spec, "--score is 1 to 5, was " + score);
      }
      connection.client().rate(buyerOrder.buyer(), buyerOrder.order, score, comment);
      spec.commandLine().getOut().println("rated order " + buyerOrder.order + " " + score + "/5");
      return 0;
    }
  }

  private static void print(PrintWriter out, JsonNode orders, boolean json) {
    if (json) {
      out.println(orders.toPrettyString());
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode o : orders) {
      JsonNode license = o.path("license");
      rows.add(
          List.of(
              o.path("order").asText(),
              license.path("product").path("kind").asText(),
              license.path("purpose").asText(),
              o.path("escrow").path("amount").asText(),
              o.path("escrow").path("state").asText(),
              licenseState(o),
              Instant.ofEpochMilli(license.path("validUntil").asLong()).toString(),
              o.has("rating") ? o.path("rating").path("score").asText() + "/5" : "-"));
    }
    MarketCommand.table(
        out,
        List.of("order", "kind", "purpose", "price", "escrow", "license", "until", "rated"),
        rows);
  }

  private static String licenseState(JsonNode order) {
    if (order.path("license").path("revoked").asLong() != 0) {
      return "revoked";
    }
    return order.path("valid").asBoolean() ? "valid" : "not valid";
  }
}
