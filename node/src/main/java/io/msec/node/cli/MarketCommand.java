package io.msec.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.KeyFile;
import io.msec.market.client.MarketClient;
import io.msec.market.crypto.RecipientKey;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code msec market ...}: the marketplace from the command line, for providers (offer, withdraw,
 * earnings) and buyers (search, buy, fetch, settle, rate), over a node's HTTP API with {@link
 * MarketClient}. Identities are Ed25519 key files ({@code msec device keygen}); a buyer's recipient
 * key is an X25519 key file ({@code msec market keygen}).
 */
@Command(
    name = "market",
    mixinStandardHelpOptions = true,
    description = "Offer, find, buy and receive data on the marketplace of a node.",
    subcommands = {
      MarketCommand.Keygen.class,
      MarketOfferCommand.class,
      MarketOfferCommand.Withdraw.class,
      MarketCommand.Search.class,
      MarketBuyCommand.class,
      MarketBuyCommand.Licenses.class,
      MarketBuyCommand.Orders.class,
      MarketFetchCommand.class,
      MarketBuyCommand.Settle.class,
      MarketBuyCommand.Rate.class,
      MarketCommand.Reputation.class,
      MarketCommand.Earnings.class
    })
public final class MarketCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The node every market command talks to. */
  static final class Connection {
    @Option(
        names = "--node",
        converter = NodeAddress.class,
        defaultValue = "http://127.0.0.1:8080",
        description = "The node's HTTP address (default: ${DEFAULT-VALUE}).")
    URI node;

    MarketClient client() {
      return new MarketClient(node);
    }
  }

  /** The buyer and the order a command acts on: {@code --key} and {@code --order}. */
  static final class BuyerOrder {
    @Option(names = "--key", required = true, description = "The buyer's key file.")
    Path key;

    @Option(names = "--order", required = true, description = "The order id.")
    String order;

    Identity buyer() {
      return identity(key);
    }
  }

  /** {@code msec market keygen}: a buyer's recipient key. */
  @Command(
      name = "keygen",
      mixinStandardHelpOptions = true,
      description =
          "Write a new X25519 recipient key file (mode 0600): grants and bundles you buy are"
              + " encrypted to it. Prints its public key.")
  static final class Keygen implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "The key file to create.")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      RecipientKey key = RecipientKey.generate();
      key.save(out);
      spec.commandLine().getOut().println(key.publicKey());
      return 0;
    }
  }

  /** {@code msec market search}: the catalogue as a table. */
  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = "Search the catalogue; all filters combine with AND.")
  static final class Search implements Callable<Integer> {
    @Mixin Connection connection;

    @Option(names = "--q", description = "A word in the title, description or keywords.")
    String q;

    @Option(names = "--property", description = "An observed property, e.g. co2.")
    String property;

    @Option(names = "--bbox", description = "minLon,minLat,maxLon,maxLat.")
    String bbox;

    @Option(names = "--from", description = "Overlapping from this instant or date.")
    String from;

    @Option(names = "--to", description = "Overlapping until this instant or date.")
    String to;

    @Option(names = "--max-price", description = "At most this many tokens.")
    Long maxPrice;

    @Option(names = "--kind", description = "stream, history or dataset.")
    String kind;

    @Option(names = "--provider", description = "Offers of this did:key.")
    String provider;

    @Option(names = "--device", description = "Offers covering this device.")
    String device;

    @Option(names = "--all", description = "Include withdrawn, expired and sold-out offers.")
    boolean all;

    @Option(names = "--json", description = "Print the DCAT datasets as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("q", q);
      query.put("property", property);
      query.put("bbox", bbox);
      query.put("from", from == null ? null : instant(spec, "--from", from).toString());
      query.put("to", to == null ? null : instant(spec, "--to", to).toString());
      query.put("maxPrice", maxPrice == null ? null : maxPrice.toString());
      query.put("kind", kind);
      query.put("provider", provider);
      query.put("device", device);
      query.put("all", all ? "true" : null);
      JsonNode offers = connection.client().search(query);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(offers.toPrettyString());
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode o : offers) {
        rows.add(
            List.of(
                o.path("dct:identifier").asText(),
                o.path("msec:product").path("kind").asText(),
                clip(o.path("dct:title").asText(), 32),
                o.path("msec:price").asText(),
                shortDid(o.path("dct:publisher").asText()),
                o.path("msec:status").asText()));
      }
      table(out, List.of("id", "kind", "title", "price", "provider", "status"), rows);
      return 0;
    }
  }

  /** {@code msec market reputation}: providers ranked. */
  @Command(
      name = "reputation",
      mixinStandardHelpOptions = true,
      description = "Providers ranked by reputation, best first.")
  static final class Reputation implements Callable<Integer> {
    @Mixin Connection connection;

    @Option(names = "--json", description = "Print the ranking with every input as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      JsonNode ranking = connection.client().reputation();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(ranking.toPrettyString());
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode s : ranking.path("providers")) {
        rows.add(
            List.of(
                s.path("rank").asText(),
                s.path("provider").asText(),
                String.format(java.util.Locale.ROOT, "%.3f", s.path("score").asDouble()),
                s.path("ratings").asText()));
      }
      table(out, List.of("rank", "provider", "score", "ratings"), rows);
      return 0;
    }
  }

  /** {@code msec market earnings}: a provider's sales. */
  @Command(
      name = "earnings",
      mixinStandardHelpOptions = true,
      description = "A provider's sales and the tokens they earned, by escrow state.")
  static final class Earnings implements Callable<Integer> {
    @Mixin Connection connection;

    @Option(names = "--key", required = true, description = "The provider's key file.")
    Path key;

    @Option(names = "--json", description = "Print every order as JSON.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      JsonNode e = connection.client().earnings(identity(key).did());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(e.toPrettyString());
        return 0;
      }
      out.printf(
          "sales %d: settled %d, held in escrow %d, refunded %d tokens; balance %s%n",
          e.path("sales").asLong(),
          e.path("settled").asLong(),
          e.path("held").asLong(),
          e.path("refunded").asLong(),
          e.path("balance").asText());
      return 0;
    }
  }

  static Identity identity(Path file) {
    return KeyFile.read(file);
  }

  static DidKey did(CommandSpec spec, String option, String text) {
    try {
      return DidKey.parse(text);
    } catch (RuntimeException e) {
      throw new ParameterException(spec.commandLine(), option + " is a did:key, was " + text);
    }
  }

  /** An ISO-8601 instant, or a date meaning its first instant in UTC. */
  static Instant instant(CommandSpec spec, String option, String text) {
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          option
              + " is an instant like 2026-01-31T00:00:00Z or a date like 2026-01-31, was "
              + text);
    }
  }

  /** {@code did:key:z6MkhaXg…x4Rs7}: enough to tell accounts apart in a table. */
  static String shortDid(String did) {
    if (did.length() <= 24) {
      return did;
    }
    return did.substring(0, 16) + "…" + did.substring(did.length() - 5);
  }

  static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /**
   * {@code text} safe to print on a terminal: control characters (escape sequences, carriage
   * returns, line breaks) that a provider put in a title would otherwise redraw the screen or fake
   * rows, so each shows as "�".
   */
  static String printable(String text) {
    return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]", "\uFFFD");
  }

  /** Left-aligned columns, two spaces apart, under a header; "(none)" for no rows. */
  static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
    if (rows.isEmpty()) {
      out.println("(none)");
      return;
    }
    int[] width = new int[header.size()];
    List<List<String>> safe = new ArrayList<>();
    for (List<String> row : rows) {
      safe.add(row.stream().map(MarketCommand::printable).toList());
    }
    rows = safe;
    for (List<String> row : concat(header, rows)) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    for (List<String> row : concat(header, rows)) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), width[i] + 2));
      }
      out.println(line);
    }
  }

  private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>(rows.size() + 1);
    all.add(header);
    all.addAll(rows);
    return all;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }

  static CommandLine.ParameterException bad(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
