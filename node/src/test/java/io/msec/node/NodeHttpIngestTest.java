package io.msec.node;

import static io.msec.node.TestDevices.get;
import static io.msec.node.TestDevices.post;
import static io.msec.node.TestDevices.reading;
import static io.msec.node.TestDevices.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.Reading;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ingestion over HTTP against a real node: each bad input is refused, counted, and changes nothing.
 */
class NodeHttpIngestTest {
  static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  static final Identity OWNER = Identity.generate();
  static final Identity DEVICE = Identity.generate();
  static final Identity STRANGER = Identity.generate();
  @TempDir static Path dir;
  static Node node;
  static String api;

  @BeforeAll
  static void start() throws Exception {
    node = Node.start(NodeConfig.defaults(dir).withPorts(0, 0), Clock.fixed(NOW, ZoneOffset.UTC));
    api = node.httpUrl() + "/api/v1";
    HttpResponse<String> r =
        post(api + "/devices", TestDevices.bytes(TestDevices.registration(api, OWNER, DEVICE)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static synchronized long nextSeq() {
    return node.store().lastSeq(DEVICE.did()) + 1;
  }

  private static void assertRefused(byte[] body, int status, String code) throws Exception {
    long before = node.store().count();
    long counted = node.ingestor().rejects().total(code);

    HttpResponse<String> r = post(api + "/readings", body);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json;charset=utf-8");
    JsonNode problem = Json.mapper().readTree(r.body());
    assertThat(problem.get("code").asText()).isEqualTo(code);
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(node.store().count()).isEqualTo(before);
    assertThat(node.ingestor().rejects().total(code)).isEqualTo(counted + 1);
  }

  @Test
  void storesAValidReadingAndUpdatesItsTwin() throws Exception {
    long seq = nextSeq();
    HttpResponse<String> r =
        post(api + "/readings", signed(DEVICE, reading(DEVICE, seq, NOW, 812.5, "[ppm]")));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(Json.mapper().readTree(r.body()).get("accepted").asInt()).isEqualTo(1);
    JsonNode twin = Json.mapper().readTree(get(api + "/twins/" + DEVICE.did()).body());
    assertThat(twin.get("id").asText()).startsWith("urn:ngsi-ld:Device:");
    assertThat(twin.get("co2").get("value").asDouble()).isEqualTo(812.5);
    JsonNode byEntityId =
        Json.mapper().readTree(get(api + "/twins/" + twin.get("id").asText()).body());
    assertThat(byEntityId.get("id")).isEqualTo(twin.get("id"));
  }

  @Test
  void acknowledgesAnExactDuplicateWithoutStoringItTwice() throws Exception {
    long seq = nextSeq();
    byte[] body = signed(DEVICE, reading(DEVICE, seq, NOW, 700, "[ppm]"));
    assertThat(post(api + "/readings", body).statusCode()).isEqualTo(202);
    long count = node.store().count();

    HttpResponse<String> again = post(api + "/readings", body);

    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(Json.mapper().readTree(again.body()).get("duplicates").asInt()).isEqualTo(1);
    assertThat(node.store().count()).isEqualTo(count);
  }

  @Test
  void refusesAReplayedSequenceWithDifferentContent() throws Exception {
    long seq = nextSeq();
    assertThat(
            post(api + "/readings", signed(DEVICE, reading(DEVICE, seq, NOW, 500, "[ppm]")))
                .statusCode())
        .isEqualTo(202);

    assertRefused(
        signed(DEVICE, reading(DEVICE, seq, NOW, 501, "[ppm]")), 409, "replayed-sequence");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "[]", "{\"payload\":1}", "null", "{\"batch\":[]}"})
  void refusesMalformedPayloads(String body) throws Exception {
    assertRefused(body.getBytes(), 400, "malformed");
  }

  @Test
  void refusesAReadingWithMissingFields() throws Exception {
    var payload = reading(DEVICE, nextSeq(), NOW, 500, "[ppm]").toJson();
    payload.remove("time");
    assertRefused(Envelope.sign(DEVICE, payload).toJson().toString().getBytes(), 400, "malformed");
  }

  @Test
  void refusesAnUnknownDevice() throws Exception {
    assertRefused(signed(STRANGER, reading(STRANGER, 1, NOW, 500, "[ppm]")), 404, "unknown-device");
  }

  @Test
  void refusesABadSignature() throws Exception {
    Envelope good = Envelope.sign(DEVICE, reading(DEVICE, nextSeq(), NOW, 500, "[ppm]").toJson());
    var wire = good.toJson();
    wire.put(
        "sig",
        Envelope.sign(DEVICE, reading(DEVICE, 1, NOW, 1, "[ppm]").toJson())
            .toJson()
            .get("sig")
            .asText());

    assertRefused(wire.toString().getBytes(), 403, "bad-signature");
  }

  @Test
  void refusesAReadingSignedByAnotherKey() throws Exception {
    Reading r = reading(DEVICE, nextSeq(), NOW, 500, "[ppm]");
    var wire = Envelope.sign(STRANGER, r.toJson()).toJson();

    assertRefused(wire.toString().getBytes(), 403, "wrong-signer");
  }

  @Test
  void refusesAReadingFromTheFuture() throws Exception {
    assertRefused(
        signed(DEVICE, reading(DEVICE, nextSeq(), NOW.plusSeconds(3600), 500, "[ppm]")),
        422,
        "clock-skew");
  }

  @Test
  void refusesAnUnknownUnit() throws Exception {
    assertRefused(
        signed(DEVICE, reading(DEVICE, nextSeq(), NOW, 500, "parts-per-million")),
        422,
        "unknown-unit");
  }

  @Test
  void refusesAUnitOtherThanTheRegisteredOne() throws Exception {
    assertRefused(
        signed(DEVICE, reading(DEVICE, nextSeq(), NOW, 500, "[ppb]")), 422, "unit-mismatch");
  }

  @Test
  void refusesAValueOutOfRange() throws Exception {
    assertRefused(
        signed(DEVICE, reading(DEVICE, nextSeq(), NOW, 20_000, "[ppm]")), 422, "out-of-range");
  }

  @Test
  void refusesAPayloadOver64KiB() throws Exception {
    byte[] big = new byte[64 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    assertRefused(big, 413, "too-large");
  }

  @Test
  void refusesAReadingOfARevokedDevice() throws Exception {
    Identity device = Identity.generate();
    post(api + "/devices", TestDevices.bytes(TestDevices.registration(api, OWNER, device)));
    HttpResponse<String> revoked =
        post(
            api + "/devices/" + device.did() + "/revoke",
            TestDevices.bytes(TestDevices.revocation(api, OWNER, device)));
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

    assertRefused(signed(device, reading(device, 1, NOW, 500, "[ppm]")), 403, "revoked-device");
  }

  @Test
  void refusesARevocationByAnotherOwner() throws Exception {
    HttpResponse<String> r =
        post(
            api + "/devices/" + DEVICE.did() + "/revoke",
            TestDevices.bytes(TestDevices.revocation(api, STRANGER, DEVICE)));

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(node.registry().find(DEVICE.did()).orElseThrow().revoked()).isFalse();
  }

  @Test
  void refusesARegistrationWithMissingOrWrongFields() throws Exception {
    int devices = node.registry().list().size();
    var p = TestDevices.registration(api, OWNER, Identity.generate());
    ((com.fasterxml.jackson.databind.node.ObjectNode) p.get("args")).remove("schema");
    HttpResponse<String> missing = post(api + "/devices", TestDevices.bytes(p));
    var q = TestDevices.registration(api, OWNER, Identity.generate());
    q.put("account", STRANGER.did().toString());
    HttpResponse<String> wrongOwner = post(api + "/devices", TestDevices.bytes(q));
    var u = TestDevices.registration(api, OWNER, Identity.generate());
    ((com.fasterxml.jackson.databind.node.ObjectNode) u.get("args").get("schema").get("co2"))
        .put("unit", "parts-per-million");
    HttpResponse<String> unknownUnit = post(api + "/devices", TestDevices.bytes(u));

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(Json.mapper().readTree(missing.body()).get("code").asText())
        .isEqualTo("malformed-registration");
    assertThat(wrongOwner.statusCode()).isEqualTo(403);
    assertThat(Json.mapper().readTree(wrongOwner.body()).get("code").asText())
        .isEqualTo("bad-signature");
    assertThat(unknownUnit.statusCode()).isEqualTo(422);
    assertThat(node.registry().list()).hasSize(devices);
  }

  @Test
  void answersBadSeriesQueriesWithAProblemNamingTheParameter() throws Exception {
    HttpResponse<String> r =
        get(api + "/series?device=" + DEVICE.did() + "&property=co2&from=yesterday");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(Json.mapper().readTree(r.body()).get("detail").asText()).contains("from");
  }

  @Test
  void servesSeriesRawAndInBuckets() throws Exception {
    Instant t0 = NOW.minusSeconds(3600);
    Identity device = Identity.generate();
    post(api + "/devices", TestDevices.bytes(TestDevices.registration(api, OWNER, device)));
    for (int i = 1; i <= 6; i++) {
      post(
          api + "/readings",
          signed(device, reading(device, i, t0.plusSeconds(600L * i), 400 + i, "[ppm]")));
    }

    JsonNode raw =
        Json.mapper()
            .readTree(get(api + "/series?device=" + device.did() + "&property=co2").body());
    JsonNode buckets =
        Json.mapper()
            .readTree(
                get(api
                        + "/series?device="
                        + device.did()
                        + "&property=co2&from="
                        + t0
                        + "&bucket=1h")
                    .body());

    assertThat(raw.get("points")).hasSize(6);
    assertThat(raw.get("unit").asText()).isEqualTo("[ppm]");
    assertThat(buckets.get("points").get(0).get("count").asInt()).isEqualTo(5);
    assertThat(buckets.get("points").get(0).get("max").asDouble()).isEqualTo(405);
  }

  @Test
  void servesHealthMetricsAndOpenApi() throws Exception {
    assertThat(get(node.httpUrl() + "/health").body()).contains("\"status\":\"UP\"");
    assertThat(get(node.httpUrl() + "/metrics").body()).contains("msec_readings_accepted_total");
    JsonNode openapi = Json.mapper().readTree(get(api + "/openapi.json").body());
    assertThat(openapi.get("openapi").asText()).startsWith("3.");
    assertThat(openapi.get("paths").has("/api/v1/readings")).isTrue();
  }

  @Test
  void refusesALiveStreamForANonDeviceOrWithoutAcceptingEventsWithProblems() throws Exception {
    HttpResponse<String> notADevice =
        TestDevices.HTTP.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "/devices/x/stream"))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> plain = get(api + "/stream");

    assertThat(notADevice.statusCode()).isEqualTo(400);
    assertThat(Json.mapper().readTree(notADevice.body()).get("code").asText())
        .isEqualTo("bad-request");
    assertThat(plain.statusCode()).isEqualTo(406);
    assertThat(Json.mapper().readTree(plain.body()).get("code").asText())
        .isEqualTo("not-acceptable");
  }

  @Test
  void streamsAcceptedReadingsOfADeviceAsServerSentEvents() throws Exception {
    var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(api + "/devices/" + DEVICE.did() + "/stream"))
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    var response =
        TestDevices.HTTP.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
    response.thenAccept(r -> r.body().forEach(lines::add));
    org.awaitility.Awaitility.await().until(() -> response.isDone() || node.httpUrl() != null);
    Thread.sleep(300);
    long seq = nextSeq();

    post(api + "/readings", signed(DEVICE, reading(DEVICE, seq, NOW, 999, "[ppm]")));

    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> lines.stream().anyMatch(l -> l.contains("\"seq\":" + seq)));
    assertThat(lines).contains("event: reading");
  }

  @Test
  void refusesASecondNodeOnTheSameDataDir() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Node.start(NodeConfig.defaults(dir).withPorts(0, 0), Clock.systemUTC()))
        .isInstanceOfSatisfying(
            io.msec.core.MsecException.class,
            e -> assertThat(e.code()).isEqualTo("data-dir-in-use"));
  }

  @Test
  void saysWhichPortIsTakenOrOutOfRange(@org.junit.jupiter.api.io.TempDir Path other)
      throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  Node.start(
                      NodeConfig.defaults(other.resolve("mqtt")).withPorts(0, port),
                      Clock.systemUTC()))
          .hasMessageContaining("MQTT port " + port)
          .hasMessageContaining("--mqtt-port")
          .hasMessageNotContaining("Exception");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  Node.start(
                      NodeConfig.defaults(other.resolve("http")).withPorts(port, 0),
                      Clock.systemUTC()))
          .hasMessageContaining("cannot listen on 127.0.0.1:" + port)
          .hasMessageContaining("--http-port")
          .hasMessageNotContaining("Exception");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> NodeConfig.defaults(other).withPorts(70_000, 0))
        .hasFieldOrPropertyWithValue("code", "bad-port");
  }

  @Test
  void answersUnknownPathsAndMethodsWithProblems() throws Exception {
    HttpResponse<String> unknown = get(api + "/nothing-here");
    HttpResponse<String> wrongMethod = get(api + "/readings");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json;charset=utf-8");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    assertThat(Json.mapper().readTree(wrongMethod.body()).get("code").asText())
        .isEqualTo("method-not-allowed");
  }

  @Test
  void logsABodyCutOffByTheClientAsOneLineWithoutATrace() throws Exception {
    ch.qos.logback.classic.Logger log =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(io.msec.node.api.HttpApi.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
        new ch.qos.logback.core.read.ListAppender<>();
    seen.start();
    log.addAppender(seen);
    try {
      java.net.URI uri = java.net.URI.create(api);
      try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
        socket
            .getOutputStream()
            .write(
                ("POST /api/v1/readings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                        + "\r\nContent-Length: 100\r\n\r\n{\"partial\":")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
      }
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> !seen.list.isEmpty());

      assertThat(seen.list)
          .allSatisfy(
              e -> {
                assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
                assertThat(e.getThrowableProxy()).isNull();
                assertThat(e.getFormattedMessage()).contains("cut off");
              });
      assertThat(get(api + "/twins").statusCode()).isEqualTo(200);
    } finally {
      log.detachAppender(seen);
    }
  }

  @Test
  void answersAUrlOrHeadersTooLongWithProblems() throws Exception {
    HttpResponse<String> longUrl = get(api + "/twins?q=" + "x".repeat(20_000));
    HttpResponse<String> longHeader =
        TestDevices.HTTP.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(api + "/twins"))
                .header("X-Filler", "x".repeat(20_000))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(longUrl.statusCode()).isEqualTo(414);
    assertThat(longUrl.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json;charset=utf-8");
    assertThat(Json.mapper().readTree(longUrl.body()).get("code").asText())
        .isEqualTo("uri-too-long");
    assertThat(longHeader.statusCode()).isEqualTo(431);
    assertThat(Json.mapper().readTree(longHeader.body()).get("code").asText())
        .isEqualTo("headers-too-large");
  }

  @Test
  void countsJunkNamingUnregisteredDevicesWithoutGrowingPerDeviceCounts() throws Exception {
    int before = node.ingestor().rejects().toJson().get("byDevice").size();
    for (int i = 0; i < 5; i++) {
      Identity stranger = Identity.generate();
      post(api + "/readings", signed(stranger, reading(stranger, 1, NOW, 500, "[ppm]")));
    }

    assertThat(node.ingestor().rejects().toJson().get("byDevice").size())
        .isLessThanOrEqualTo(before + 1);
  }
}
