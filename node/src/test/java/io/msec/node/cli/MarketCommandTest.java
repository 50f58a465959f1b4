package io.msec.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.KeyFile;
import io.msec.core.Reading;
import io.msec.node.Node;
import io.msec.node.NodeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code msec market ...} and {@code msec ledger mint|transfer|balance} against a running node, as
 * a provider and a buyer type them: key files, an offer, a search, a purchase, a verified download,
 * a rating; and bad input answered with one line and a non-zero exit.
 */
class MarketCommandTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static Node node;
  static Path provider;
  static Path buyer;
  static Path buyerRecipient;

  /** What one run printed and how it exited. */
  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void start() {
    node = Node.start(NodeConfig.defaults(dir.resolve("node")).withPorts(0, 0), Clock.systemUTC());
    provider = dir.resolve("provider.jwk");
    buyer = dir.resolve("buyer.jwk");
    buyerRecipient = dir.resolve("buyer.x25519.jwk");
    assertThat(msec("device keygen --out " + provider).exit()).isZero();
    assertThat(msec("device keygen --out " + buyer).exit()).isZero();
    assertThat(msec("market keygen --out " + buyerRecipient).exit()).isZero();
    Run minted =
        msec(
            "ledger mint --amount 100 --to "
                + did(buyer)
                + " --node-dir "
                + dir.resolve("node")
                + at());
    assertThat(minted.exit()).as(minted.err()).isZero();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void offersFindsBuysFetchesAVerifiedHistoryAndRatesIt() throws Exception {
    Identity device = registered();
    Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
    for (int seq = 1; seq <= 3; seq++) {
      publish(device, seq, start.plusSeconds(60L * seq), 410 + seq);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> node.store().lastSeq(device.did()) == 3);
    Path out = Files.createDirectory(dir.resolve("received"));
    long before = Long.parseLong(msec("ledger balance --key " + provider + at()).out().trim());

    Run offer =
        msec(
            "market offer --kind history --price 10 --purpose research --purpose"
                + " ventilation-control --keyword co2 --region GB --no-resale --key "
                + provider
                + " --device "
                + device.did()
                + " --from "
                + start
                + " --to "
                + start.plus(Duration.ofHours(1))
                + at(),
            "--title",
            "Room 413 CO2, one hour");
    String offerId = offer.out().trim();
    Run search = msec("market search" + at(), "--q", "room 413");
    Run buy = msec("market buy --purpose research --region GB --offer " + offerId + buyerKeys());
    String order = buy.out().trim();
    Run fetch =
        msec(
            "market fetch --purpose research --quiet --order "
                + order
                + " --out "
                + out
                + buyerKeys());
    Run rate = msec("market rate --score 5 --key " + buyer + " --order " + order + at());
    Run licenses = msec("market licenses --key " + buyer + at());
    Run balance = msec("ledger balance --key " + provider + at());

    assertThat(offer.exit()).as(offer.err()).isZero();
    assertThat(offerId).matches("[0-9a-f]{64}");
    assertThat(search.out()).contains(offerId, "history", "Room 413 CO2, one hour", "available");
    assertThat(buy.exit()).as(buy.err()).isZero();
    assertThat(fetch.exit()).as(fetch.err()).isZero();
    assertThat(fetch.out()).contains("verified 3 readings", "settled order " + order);
    List<String> lines = Files.readAllLines(out.resolve(order + ".jsonl"));
    assertThat(lines).hasSize(3);
    assertThat(Json.mapper().readTree(lines.get(2)).path("properties").path("co2").path("value"))
        .hasToString("413.0");
    assertThat(out.resolve(order + ".bundle.json")).exists();
    assertThat(rate.exit()).as(rate.err()).isZero();
    assertThat(licenses.out()).contains(order, "settled", "5/5");
    assertThat(Long.parseLong(balance.out().trim())).isEqualTo(before + 10);
  }

  @Test
  void fetchPrintsAStreamLiveUntilItHasTheCountAskedFor() throws Exception {
    Identity device = registered();
    Run offer =
        msec(
            "market offer --kind stream --period P7D --price 5 --purpose research --key "
                + provider
                + " --device "
                + device.did()
                + at(),
            "--title",
            "Room 413 CO2, live");
    String order =
        msec("market buy --purpose research --offer " + offer.out().trim() + buyerKeys())
            .out()
            .trim();

    CompletableFuture<Run> fetch =
        CompletableFuture.supplyAsync(
            () -> msec("market fetch --purpose research --count 2 --order " + order + buyerKeys()));
    // The command subscribes on its own time: publish until it has printed two readings.
    AtomicLong seq = new AtomicLong();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              publish(device, seq.incrementAndGet(), Instant.now().minusSeconds(1), 700);
              return fetch.isDone();
            });

    Run run = fetch.join();
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().lines().toList())
        .hasSize(2)
        .allSatisfy(l -> assertThat(l).contains(device.did().toString(), "\"co2\""));
    assertThat(run.err()).contains("received 2 verified readings; refused 0");
  }

  @Test
  void refusesAnUnknownOfferWithOneLineAndANonZeroExit() {
    Run run = msec("market buy --purpose research --offer " + "0".repeat(64) + buyerKeys());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("msec: ")
        .endsWith("[offer-not-found]");
  }

  @Test
  void refusesAPurchaseBeyondTheBuyersFundsSayingHowToFundTheAccount() throws Exception {
    Identity device = registered();
    Path poor = dir.resolve("poor.jwk");
    msec("device keygen --out " + poor);
    String offer =
        msec("market offer --kind stream --period P1D --price 25 --purpose research --title x"
                + " --key "
                + provider
                + " --device "
                + device.did()
                + at())
            .out()
            .trim();

    Run run =
        msec(
            "market buy --purpose research --key "
                + poor
                + " --recipient-key "
                + buyerRecipient
                + " --offer "
                + offer
                + at());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .singleElement()
        .asString()
        .contains("holds 0, needs 25", "msec ledger transfer --to " + did(poor))
        .endsWith("[insufficient-funds]");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void refusesBadOptionsBeforeCallingTheNode() {
    String nowhere = " --node http://127.0.0.1:9";
    Run score =
        msec("market rate --score 9 --key " + buyer + " --order " + "ab".repeat(32) + nowhere);
    Run stream =
        msec(
            "market offer --kind stream --from 2026-01-01 --to 2026-01-02 --price 1 --purpose"
                + " research --title x --key "
                + provider
                + " --device "
                + Identity.generate().did()
                + nowhere);

    assertThat(score.exit()).isEqualTo(2);
    assertThat(score.err().lines())
        .containsExactly(
            "msec: --score is 1 to 5, was 9 [bad-option] (see: msec market rate --help)");
    assertThat(stream.exit()).isEqualTo(2);
    assertThat(stream.err())
        .startsWith("msec: a stream takes --period (e.g. P7D), not --from/--to");
    Run toSelf =
        msec("ledger transfer --amount 5 --key " + buyer + " --to " + did(buyer) + nowhere);
    assertThat(toSelf.exit()).isEqualTo(2);
    assertThat(toSelf.err()).startsWith("msec: --to names the payer's own account");
    Run missingKey = msec("market licenses --key " + buyer + ".absent" + nowhere);
    assertThat(missingKey.exit()).isEqualTo(2);
    assertThat(missingKey.err().lines())
        .containsExactly(
            "msec: cannot read key file "
                + buyer
                + ".absent: no such file or directory [key-file-io]");
  }

  @Test
  void printsOfferTextWithoutTheControlCharactersThatWouldRedrawATerminal() {
    String title = "Nice data\u001b[2J\u001b[31m FAKE\nline2\r\tX\u202Eevil";

    assertThat(MarketCommand.printable(title))
        .isEqualTo("Nice data\uFFFD[2J\uFFFD[31m FAKE\uFFFDline2\uFFFD\uFFFDX\uFFFDevil")
        .doesNotContainPattern("\\p{Cntrl}");
  }

  @Test
  void refusesANodeAddressThatIsNotAnHttpUrlAsABadOption() {
    for (String node :
        List.of(
            "127.0.0.1:8080", "http://", "ftp://127.0.0.1:21", "", "http://127.0.0.1:8080/api")) {
      Run run = msec("market reputation --node", node);

      assertThat(run.exit()).as(node).isEqualTo(2);
      assertThat(run.err().lines()).as(node).hasSize(1);
      assertThat(run.err()).as(node).contains("[bad-option]").doesNotContain("java.");
    }
  }

  @Test
  void saysInWordsWhenTheNodeCannotBeReached() {
    Run run = msec("market licenses --key " + buyer + " --node http://127.0.0.1:9");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "msec: cannot reach the node at http://127.0.0.1:9: connection refused"
                + " [node-unreachable]");
  }

  /** The node option of every call to the test node. */
  private static String at() {
    return " --node " + node.httpUrl();
  }

  /** The buyer's identity and recipient key options, and the node. */
  private static String buyerKeys() {
    return " --key " + buyer + " --recipient-key " + buyerRecipient + at();
  }

  /**
   * Runs {@code msec} in this JVM with its own output: {@code line} split at spaces, then {@code
   * more} as they are (for values with spaces).
   */
  static Run msec(String line, String... more) {
    List<String> args = new ArrayList<>(List.of(line.split(" ")));
    args.addAll(List.of(more));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = MsecCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private static String did(Path keyFile) {
    return KeyFile.read(keyFile).did().toString();
  }

  /** A CO2 sensor of the provider, registered with {@code msec device register}. */
  private static Identity registered() {
    Identity device = Identity.generate();
    Run run =
        msec(
            "device register --type co2-sensor --lat 57.15 --lon -2.09 --property"
                + " co2=[ppm]:0:10000 --owner-key "
                + provider
                + " --device "
                + device.did()
                + at());
    assertThat(run.exit()).as(run.err()).isZero();
    return device;
  }

  private static void publish(Identity device, long seq, Instant at, double co2) throws Exception {
    Reading r =
        new Reading(device.did(), seq, at, Map.of("co2", new Reading.Quantity(co2, "[ppm]")), null);
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.httpUrl() + "/api/v1/readings"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Envelope.sign(device, r.toJson()).toJson().toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
  }
}
