package io.msec.node;

import static io.msec.node.TestDevices.pmReading;
import static io.msec.node.TestDevices.post;
import static io.msec.node.TestDevices.signed;
import static io.msec.node.TestDevices.signedBatch;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.TextNode;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.Reading;
import io.msec.ledger.Anchor;
import io.msec.ledger.ProofChecker;
import io.msec.ledger.SignedHead;
import io.msec.node.chain.AnchorPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in Debian's headless Chromium against a real node fed with a day of real
 * particulate readings from Aberdeen (sensor.community archive): the page shows each device with
 * its latest values and the reject counts, follows the live stream, and renders at 1280×900; its
 * ledger view lists the blocks and has the node check a reading's proof, and a tampered copy.
 *
 * <p>Chromium is driven over the DevTools protocol ({@link HeadlessChromium}) rather than with
 * {@code --dump-dom} or {@code --screenshot}: the page keeps a Server-Sent Events stream open, and
 * a headless run with a virtual time budget waits for every open request to end, so it never dumps;
 * without a budget it dumps at the load event, before the page has fetched anything.
 */
class DashboardBrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
  private static final Path EMPTY_SCREENSHOT = Path.of("target", "dashboard-empty.png");
  private static final Path LEDGER_SCREENSHOT = Path.of("target", "dashboard-ledger.png");
  private static final String DATASET = "luftdaten-aberdeen-pm";
  private static final String BUNDLED = "io/msec/device/datasets/" + DATASET + "/";
  private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
  private static final int SENSORS = 3;
  private static final int BATCH = 100;

  @TempDir Path dir;
  private Node node;
  private HeadlessChromium browser;

  /** One row of the archive: when, where, and PM10 and PM2.5 in µg/m³. */
  record Row(Instant time, Reading.Location at, double pm10, double pm25) {
    static Row parse(String source, String line) {
      String[] f = line.split(";", -1);
      if (f.length < 10 || f[3].isEmpty() || f[6].isEmpty() || f[9].isEmpty()) {
        throw new AssertionError("unexpected row in " + source + ": " + line);
      }
      return new Row(
          Instant.parse(f[5] + "Z"),
          new Reading.Location(Double.parseDouble(f[3]), Double.parseDouble(f[4])),
          Double.parseDouble(f[6]),
          Double.parseDouble(f[9]));
    }
  }

  @BeforeEach
  void requireChromium() {
    assertThat(Files.isExecutable(CHROMIUM))
        .as("the dashboard test needs Debian's Chromium at %s: apt-get install chromium", CHROMIUM)
        .isTrue();
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void showsRealReadingsAndRejectsAndFollowsTheLiveStream() throws Exception {
    node = Node.start(NodeConfig.defaults(dir.resolve("node")).withPorts(0, 0), Clock.systemUTC());
    String api = node.httpUrl() + "/api/v1";
    Map<String, List<Row>> days = firstDays(SENSORS);
    Map<String, Identity> devices = registerAndIngest(api, days);
    String firstSensor = days.keySet().iterator().next();
    Identity first = devices.get(firstSensor);
    List<Row> firstDay = days.get(firstSensor);
    Row last = firstDay.get(firstDay.size() - 1);
    long next = firstDay.size() + 1;
    HttpResponse<String> refused =
        post(api + "/readings", signed(first, pmReading(first, next, last.time(), 12, 5000)));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    com.fasterxml.jackson.databind.node.ObjectNode command =
        io.msec.core.Json.mapper()
            .createObjectNode()
            .put("device", first.did().toString())
            .put("command", "ventilation")
            .put("value", "on")
            .put("time", last.time().toString())
            .put("reason", "PM2.5 above 25");
    HttpResponse<String> commanded =
        post(
            api + "/twins/" + first.did() + "/commands",
            TestDevices.bytes(io.msec.core.Envelope.sign(first, command).toJson()));
    assertThat(commanded.statusCode()).as(commanded.body()).isEqualTo(201);

    browser = HeadlessChromium.open(CHROMIUM, node.httpUrl() + "/", dir.resolve("chromium"));

    days.forEach((sensor, rows) -> awaitRow(devices.get(sensor), sensor, rows));
    awaitText(
        "tr[data-device='" + first.did() + "'] li[data-command='ventilation'] .value-number", "on");
    awaitText("#stat-devices", Integer.toString(SENSORS));
    awaitText("#rejects [data-code='out-of-range'] strong", "1");
    awaitText("#live-status", "live");
    assertThat(browser.eval("document.querySelectorAll('#map .site').length"))
        .isEqualTo(Integer.toString(SENSORS));
    assertThat(browser.eval("document.querySelector('#chart-device').value"))
        .isEqualTo(first.did().toString());
    assertThat(browser.eval("document.querySelectorAll('#chart path.band').length"))
        .isNotEqualTo("0");

    Instant liveTime = last.time().plusSeconds(150);
    HttpResponse<String> live =
        post(api + "/readings", signed(first, pmReading(first, next, liveTime, 98.76, 123.45)));
    assertThat(live.statusCode()).as(live.body()).isEqualTo(202);

    String row = "tr[data-device='" + first.did() + "']";
    awaitText(row + " li[data-property='pm25'].changed .value-number", "123.45");
    awaitText(row + " [data-field='seq']", Long.toString(next));
    awaitEval("document.querySelector('#last-reading').dataset.seq", Long.toString(next));
    String chartEnd = liveTime.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60).toString();
    awaitEval("document.querySelector('#chart-to').value", chartEnd.substring(0, 16));

    // A sealed reading arrives: the node cannot read it, and the row says so.
    String secondSensor = new java.util.ArrayList<>(days.keySet()).get(1);
    Identity second = devices.get(secondSensor);
    List<Row> secondDay = days.get(secondSensor);
    Reading open =
        pmReading(
            second,
            secondDay.size() + 1,
            secondDay.get(secondDay.size() - 1).time().plusSeconds(150),
            1,
            1);
    HttpResponse<String> sealed =
        post(api + "/readings", signed(second, open.seal(io.msec.core.ContentKey.generate(), 3)));
    assertThat(sealed.statusCode()).as(sealed.body()).isEqualTo(202);
    String secondRow = "tr[data-device='" + second.did() + "']";
    awaitText(secondRow + " li[data-sealed='3'] .value-number", "epoch 3");
    awaitText(secondRow + " li[data-property='pm25'] .value-number", shown(last(secondDay).pm25()));

    browser.screenshot(SCREENSHOT);
    assertThat(Files.size(SCREENSHOT)).as("screenshot %s", SCREENSHOT).isGreaterThan(10_000);
    assertThat(browser.errors()).as("errors in the page").isEmpty();
  }

  @Test
  void saysSoWhenNoDeviceIsRegistered() throws Exception {
    node = Node.start(NodeConfig.defaults(dir.resolve("node")).withPorts(0, 0), Clock.systemUTC());

    browser = HeadlessChromium.open(CHROMIUM, node.httpUrl() + "/", dir.resolve("chromium"));

    awaitEval("document.querySelector('#devices-empty').hidden", "false");
    assertThat(browser.eval("document.querySelector('#devices-empty').innerText"))
        .contains("No devices registered yet");
    assertThat(browser.eval("document.querySelector('#chart').getAttribute('aria-label')"))
        .isEqualTo("No devices registered yet");
    awaitText("#stat-devices", "0");
    browser.screenshot(EMPTY_SCREENSHOT);
    assertThat(browser.errors()).as("errors in the page").isEmpty();
  }

  @Test
  void listsBlocksAndVerifiesAnAnchoredReadingButNotATamperedOne() throws Exception {
    NodeConfig config =
        NodeConfig.defaults(dir.resolve("node"))
            .withPorts(0, 0)
            .withAnchor(new AnchorPolicy(5, Duration.ofSeconds(1)));
    node = Node.start(config, Clock.systemUTC());
    String api = node.httpUrl() + "/api/v1";
    Map<String, List<Row>> days = firstDays(2);
    Map<String, Identity> devices = registerAndIngest(api, days);
    days.forEach((sensor, rows) -> awaitAnchored(devices.get(sensor), rows.size()));
    String firstSensor = days.keySet().iterator().next();
    Identity first = devices.get(firstSensor);
    long lastSeq = days.get(firstSensor).size();
    Anchor anchor = node.ledger().anchorCovering(first.did(), lastSeq).orElseThrow();

    browser = HeadlessChromium.open(CHROMIUM, node.httpUrl() + "/", dir.resolve("chromium"));
    click("#tab-ledger");

    awaitEval("document.querySelector('#view-ledger').hidden", "false");
    awaitText("#head-height", Long.toString(node.ledger().height()));
    awaitEval(
        "document.querySelectorAll('#block-rows tr').length",
        Long.toString(Math.min(12, node.ledger().height() + 1)));
    click("#block-rows tr[data-height='" + anchor.height() + "']");
    click("#block-detail button.tx[data-tx='" + anchor.txId() + "']");
    await()
        .atMost(PAGE_WAIT)
        .untilAsserted(
            () -> {
              assertThat(browser.text("#tx-detail pre[data-part='transaction']"))
                  .contains("\"op\": \"anchor\"");
              assertThat(browser.text("#tx-detail pre[data-part='receipt']"))
                  .contains("\"height\": " + anchor.height());
            });

    awaitEval("document.querySelector('#verify-device').value", first.did().toString());
    awaitEval("document.querySelector('#verify-seq').value", Long.toString(lastSeq));
    click("#verify-run");
    awaitEval("document.querySelector('#verdict').dataset.valid", "true");
    assertThat(browser.text("#verdict")).startsWith("VALID");
    assertThat(browser.eval(checks())).isEqualTo("ok ok ok ok ok");
    assertThat(browser.eval(anchorId())).isEqualTo(anchor.txId());
    byte[] downloaded = download("#proof-downloads a[download='proof.json']");
    assertThat(ProofChecker.check(downloaded, node.ledger().head()).valid())
        .as("the downloaded proof checked offline against the node's head")
        .isTrue();
    SignedHead offered =
        SignedHead.fromJson(
            Json.mapper().readTree(download("#proof-downloads a[download='head.json']")));
    assertThat(offered).isEqualTo(node.ledger().head());

    click("#verify-tamper");
    awaitEval("document.querySelector('#verdict').dataset.valid", "false");
    assertThat(browser.text("#verdict")).startsWith("INVALID");
    assertThat(browser.eval("document.querySelector('#verdict').dataset.failedStep"))
        .isEqualTo("batch");
    assertThat(browser.eval(checks())).isEqualTo("ok failed ok unchecked unchecked");
    assertThat(browser.text("#proof-downloads")).contains("proof.json (tampered)");
    assertThat(browser.eval("document.querySelector('#proof-downloads a').href"))
        .startsWith("blob:");

    browser.screenshot(LEDGER_SCREENSHOT);
    assertThat(Files.size(LEDGER_SCREENSHOT)).isGreaterThan(10_000);
    assertThat(browser.errors()).as("errors in the page").isEmpty();
  }

  /** The verdict on each link of the proof, reading first, separated by spaces. */
  private static String checks() {
    return "[...document.querySelectorAll('#proof-steps .proof-step')]"
        + ".map((s) => s.dataset.check).join(' ')";
  }

  /** The anchor transaction id the page computed from the proof. */
  private static String anchorId() {
    return "document.querySelector(\"#proof-steps [data-link='anchor'] dd code\").title";
  }

  /** The bytes behind a download link of the page (a Blob URL). */
  private byte[] download(String selector) throws Exception {
    String quoted = TextNode.valueOf(selector).toString();
    return browser
        .eval("fetch(document.querySelector(" + quoted + ").href).then((r) => r.text())")
        .getBytes(UTF_8);
  }

  /** Clicks the first element matching a CSS selector, once the page has one. */
  private void click(String selector) {
    String quoted = TextNode.valueOf(selector).toString();
    awaitEval(
        "(() => { const e = document.querySelector("
            + quoted
            + "); e && e.click(); return !!e; })()",
        "true");
  }

  private void awaitAnchored(Identity device, long seq) {
    await()
        .atMost(PAGE_WAIT)
        .until(() -> node.ledger().device(device.did()).orElseThrow().anchoredTo() >= seq);
  }

  /** Waits until the device's row shows its name, last PM values and last sequence number. */
  private static Row last(List<Row> rows) {
    return rows.get(rows.size() - 1);
  }

  private void awaitRow(Identity device, String sensor, List<Row> rows) {
    String row = "tr[data-device='" + device.did() + "']";
    Row newest = rows.get(rows.size() - 1);
    awaitText(row + " .device-name", name(sensor));
    awaitText(row + " li[data-property='pm25'] .value-number", shown(newest.pm25()));
    awaitText(row + " li[data-property='pm10'] .value-number", shown(newest.pm10()));
    awaitText(row + " [data-field='seq']", Integer.toString(rows.size()));
  }

  private void awaitText(String selector, String expected) {
    await()
        .atMost(PAGE_WAIT)
        .untilAsserted(() -> assertThat(browser.text(selector)).as(selector).isEqualTo(expected));
  }

  private void awaitEval(String expression, String expected) {
    await()
        .atMost(PAGE_WAIT)
        .untilAsserted(
            () -> assertThat(browser.eval(expression)).as(expression).isEqualTo(expected));
  }

  private static String name(String sensor) {
    return "Aberdeen PM sensor " + sensor;
  }

  /** A value as the dashboard shows it: at most two decimals, no trailing zeros. */
  private static String shown(double v) {
    return BigDecimal.valueOf(v)
        .setScale(2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** Registers one device per sensor, all of one owner, and ingests its rows in order. */
  private static Map<String, Identity> registerAndIngest(String api, Map<String, List<Row>> days)
      throws Exception {
    Identity owner = Identity.generate();
    Map<String, Identity> devices = new LinkedHashMap<>();
    for (Map.Entry<String, List<Row>> e : days.entrySet()) {
      Identity device = Identity.generate();
      var registration =
          TestDevices.pmRegistration(
              api, owner, device, name(e.getKey()), e.getValue().get(0).at());
      HttpResponse<String> r = post(api + "/devices", TestDevices.bytes(registration));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      ingest(api, device, e.getValue());
      devices.put(e.getKey(), device);
    }
    return devices;
  }

  private static void ingest(String api, Identity device, List<Row> rows) throws Exception {
    for (int from = 0; from < rows.size(); from += BATCH) {
      List<Reading> batch = new ArrayList<>();
      for (int i = from; i < Math.min(rows.size(), from + BATCH); i++) {
        Row row = rows.get(i);
        batch.add(pmReading(device, i + 1, row.time(), row.pm10(), row.pm25()));
      }
      HttpResponse<String> r = post(api + "/readings", signedBatch(device, batch));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      assertThat(Json.mapper().readTree(r.body()).get("accepted").asInt())
          .as(r.body())
          .isEqualTo(batch.size());
    }
  }

  /**
   * The first day of the first {@code sensors} sensors, by sensor id: from the copy the device
   * module bundles when it is on the classpath, else from the shared data folder.
   */
  static Map<String, List<Row>> firstDays(int sensors) throws IOException {
    ClassLoader loader = DashboardBrowserTest.class.getClassLoader();
    try (InputStream listing = loader.getResourceAsStream(BUNDLED + "files.txt")) {
      if (listing != null) {
        Map<String, String> firstFiles = new TreeMap<>();
        new String(listing.readAllBytes(), UTF_8)
            .lines()
            .map(String::strip)
            .filter(f -> f.endsWith(".csv") && f.contains("/"))
            .sorted()
            .forEach(f -> firstFiles.putIfAbsent(f.substring(0, f.indexOf('/')), f));
        Map<String, List<Row>> days = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : firstFiles.entrySet()) {
          if (days.size() < sensors) {
            days.put(e.getKey(), rows(BUNDLED + e.getValue(), resource(loader, e.getValue())));
          }
        }
        return enough(days, sensors, "classpath " + BUNDLED);
      }
    }
    for (Path root :
        List.of(Path.of("../../shared/data", DATASET), Path.of("../shared/data", DATASET))) {
      if (Files.isDirectory(root)) {
        return fromFolder(root, sensors);
      }
    }
    throw new AssertionError(
        "no "
            + DATASET
            + " data: neither the classpath folder "
            + BUNDLED
            + " (device module) nor ../../shared/data/"
            + DATASET
            + " (from node/) exists");
  }

  private static String resource(ClassLoader loader, String file) throws IOException {
    try (InputStream in = loader.getResourceAsStream(BUNDLED + file)) {
      if (in == null) {
        throw new AssertionError(BUNDLED + "files.txt lists " + file + " but it is missing");
      }
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private static Map<String, List<Row>> fromFolder(Path root, int sensors) throws IOException {
    Map<String, List<Row>> days = new LinkedHashMap<>();
    List<Path> folders;
    try (Stream<Path> list = Files.list(root)) {
      folders = list.filter(Files::isDirectory).sorted().limit(sensors).toList();
    }
    for (Path folder : folders) {
      try (Stream<Path> files = Files.list(folder)) {
        Path day =
            files
                .filter(f -> f.toString().endsWith(".csv"))
                .sorted()
                .findFirst()
                .orElseThrow(() -> new AssertionError("no CSV file in " + folder));
        days.put(folder.getFileName().toString(), rows(day.toString(), Files.readString(day)));
      }
    }
    return enough(days, sensors, root.toString());
  }

  private static List<Row> rows(String source, String csv) {
    List<Row> rows =
        csv.lines().skip(1).filter(l -> !l.isBlank()).map(l -> Row.parse(source, l)).toList();
    assertThat(rows).as("rows of %s", source).isNotEmpty();
    return rows;
  }

  private static Map<String, List<Row>> enough(Map<String, List<Row>> days, int n, String source) {
    assertThat(days).as("sensors with data in %s", source).hasSize(n);
    return days;
  }
}
