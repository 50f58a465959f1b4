package io.msec.node.cli;

import io.msec.core.DidKey;
import io.msec.core.MsecException;
import io.msec.market.CreateOffer;
import io.msec.market.Product;
import io.msec.market.UsagePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code msec market offer}: a provider offers a product of the devices it owns, with a price and a
 * usage policy; prints the offer id. {@code msec market withdraw} stops selling it.
 */
@Command(
    name = "offer",
    mixinStandardHelpOptions = true,
    description =
        "Offer a product of your devices: a live stream for a period, or the history of a time"
            + " window. Prints the offer id.")
final class MarketOfferCommand implements Callable<Integer> {
  @Mixin MarketCommand.Connection connection;

  @Option(names = "--key", required = true, description = "The provider's (devices' owner's) key.")
  Path key;

  @Option(
      names = "--device",
      required = true,
      description = "A device's did:key; repeat for a dataset of several devices.")
  List<String> devices;

  @Option(names = "--kind", required = true, description = "stream, history or dataset.")
  String kind;

  @Option(names = "--period", description = "A stream's length from purchase, e.g. P7D.")
  String period;

  @Option(names = "--from", description = "A history's or dataset's first instant (or date).")
  String from;

  @Option(names = "--to", description = "The instant (or date) just after the window.")
  String to;

  @Option(names = "--price", required = true, description = "Tokens per unit, 0 or more.")
  long price;

  @Option(
      names = "--purpose",
      required = true,
      description = "A purpose buyers may name, e.g. research; repeatable.")
  List<String> purposes;

  @Option(names = "--title", required = true, description = "Catalogue title.")
  String title;

  @Option(names = "--description", description = "Catalogue description.")
  String description;

  @Option(names = "--keyword", description = "A catalogue keyword; repeatable.")
  List<String> keywords;

  @Option(names = "--units", defaultValue = "0", description = "Units for sale, 0 = unlimited.")
  long units;

  @Option(
      names = "--validity",
      defaultValue = "P30D",
      description = "How long a license lasts (default: ${DEFAULT-VALUE}).")
  String validity;

  @Option(names = "--region", description = "An ISO 3166 region of use; repeatable.")
  List<String> regions;

  @Option(names = "--no-resale", description = "Licenses prohibit distribution.")
  boolean noResale;

  @Option(names = "--attribution", description = "The attribution buyers must show.")
  String attribution;

  @Option(names = "--expires", description = "When the offer stops selling (instant or date).")
  String expires;

  @Option(
      names = "--delivery-window",
      defaultValue = "3600",
      description =
          "Seconds the node has to deliver before the buyer is refunded (default:"
              + " ${DEFAULT-VALUE}).")
  long deliveryWindow;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CreateOffer args;
    try {
      args =
          new CreateOffer(
              product(),
              price,
              units,
              expires == null
                  ? 0
                  : MarketCommand.instant(spec, "--expires", expires).toEpochMilli(),
              Math.multiplyExact(deliveryWindow, 1000L),
              new UsagePolicy(
                  new HashSet<>(purposes),
                  duration("--validity", validity),
                  regions == null ? null : new HashSet<>(regions),
                  noResale,
                  attribution),
              title,
              description,
              keywords);
    } catch (MsecException | ArithmeticException e) {
      throw MarketCommand.bad(spec, "this offer cannot be made: " + e.getMessage());
    }
    String id = connection.client().offer(MarketCommand.identity(key), args);
    spec.commandLine().getOut().println(id);
    spec.commandLine()
        .getErr()
        .println(
            "offered "
                + args.product().kind().json()
                + " '"
                + MarketCommand.printable(title)
                + "' as offer "
                + id);
    return 0;
  }

  private Product product() {
    List<DidKey> ids = new ArrayList<>();
    for (String d : devices) {
      ids.add(MarketCommand.did(spec, "--device", d));
    }
    Product.Kind k;
    try {
      k = Product.Kind.fromJson(kind);
    } catch (MsecException e) {
      throw MarketCommand.bad(spec, "--kind is stream, history or dataset, was " + kind);
    }
    if (k == Product.Kind.STREAM) {
      if (period == null || from != null || to != null) {
        throw MarketCommand.bad(spec, "a stream takes --period (e.g. P7D), not --from/--to");
      }
      if (ids.size() != 1) {
        throw MarketCommand.bad(spec, "a stream is of exactly one --device");
      }
      return Product.stream(ids.get(0), duration("--period", period));
    }
    if (from == null || to == null || period != null) {
      throw MarketCommand.bad(spec, "a " + kind + " takes --from and --to, not --period");
    }
    Instant start = MarketCommand.instant(spec, "--from", from);
    Instant end = MarketCommand.instant(spec, "--to", to);
    if (k == Product.Kind.HISTORY) {
      if (ids.size() != 1) {
        throw MarketCommand.bad(spec, "a history is of exactly one --device; use dataset");
      }
      return Product.history(ids.get(0), start, end);
    }
    return Product.dataset(ids, start, end);
  }

  private Duration duration(String option, String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw MarketCommand.bad(spec, option + " is an ISO 8601 duration like P7D, was " + text);
    }
  }

  /** {@code msec market withdraw}: stops selling an offer. */
  @Command(
      name = "withdraw",
      mixinStandardHelpOptions = true,
      description = "Stop selling an offer; licenses already sold stay valid.")
  static final class Withdraw implements Callable<Integer> {
    @Mixin MarketCommand.Connection connection;

    @Option(names = "--key", required = true, description = "The provider's key file.")
    Path key;

    @Option(names = "--offer", required = true, description = "The offer id.")
    String offer;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      connection.client().withdraw(MarketCommand.identity(key), offer);
      spec.commandLine().getOut().println("withdrew offer " + offer);
      return 0;
    }
  }
}
