package io.msec.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.IoFailures;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.ledger.Transaction;
import io.msec.market.crypto.AccessToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The calls a remote provider, buyer or device makes on a node's HTTP API, as the market benchmark
 * needs them. A refusal becomes an {@link MsecException} with the node's problem code.
 */
final class MarketBenchHttp {
  static final String PURPOSE = "research";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String api;

  MarketBenchHttp(String nodeUrl) {
    this.api = nodeUrl + "/api/v1";
  }

  /** Submits a signed transaction and waits for its block; returns the transaction id. */
  String submit(Transaction tx) {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(api + "/ledger/transactions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tx.toJson().toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = refuseUnless(r.statusCode(), 201, r.body().getBytes(StandardCharsets.UTF_8));
    return body.get("tx").asText();
  }

  /** A signed delivery call ({@code grants} or {@code bundle}) on a license; the body. */
  byte[] delivery(Identity buyer, String order, String what) {
    HttpResponse<byte[]> r =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        api + "/market/licenses/" + order + "/" + what + "?purpose=" + PURPOSE))
                .header("Authorization", auth(buyer, order))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    expect(r.statusCode(), 200, r.body());
    return r.body();
  }

  /** Opens a licensee's event stream; the lines of the answer, as they arrive. */
  Stream<String> stream(Identity buyer, String order) {
    HttpResponse<Stream<String>> r =
        send(
            HttpRequest.newBuilder(
                    URI.create(api + "/market/licenses/" + order + "/stream?purpose=" + PURPOSE))
                .header("Accept", "text/event-stream")
                .header("Authorization", auth(buyer, order))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200) {
      String body = String.join("\n", r.body().toList());
      expect(r.statusCode(), 200, body.getBytes(StandardCharsets.UTF_8));
    }
    return r.body();
  }

  /** Publishes one signed reading of {@code device} and waits until the node stored it. */
  void publish(Identity device, long seq, Instant at, double co2) {
    Reading reading =
        new Reading(
            device.did(),
            seq,
            at,
            Map.of(
                "co2", new Reading.Quantity(co2, "[ppm]"),
                "temperature", new Reading.Quantity(21.5, "Cel")),
            null);
    byte[] body =
        Envelope.sign(device, reading.toJson())
            .toJson()
            .toString()
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> r =
        send(
            HttpRequest.newBuilder(URI.create(api + "/readings"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    JsonNode report = refuseUnless(r.statusCode(), 202, r.body());
    if (report.path("accepted").asInt() != 1) {
      throw new MsecException("bench-reading-refused", "reading seq=" + seq + " " + report);
    }
  }

  private static String auth(Identity buyer, String order) {
    return AccessToken.header(buyer, order, PURPOSE, System.currentTimeMillis());
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new MsecException(
          "bench-http", request.uri().getPath() + ": " + IoFailures.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MsecException("bench-interrupted", "interrupted: " + request.uri().getPath(), e);
    }
  }

  /** The body as JSON if the status is {@code expected}; else the node's problem as an error. */
  private static JsonNode refuseUnless(int status, int expected, byte[] body) {
    JsonNode json = status == expected ? json(body) : refusal(status, body);
    if (json == null) {
      throw new MsecException("bench-http", "status " + status + ", not JSON");
    }
    return json;
  }

  /** Fails unless the status is {@code expected}; the body is not read when it is. */
  private static void expect(int status, int expected, byte[] body) {
    if (status != expected) {
      refusal(status, body);
    }
  }

  private static JsonNode refusal(int status, byte[] body) {
    JsonNode json = json(body);
    if (json != null && json.hasNonNull("code")) {
      throw new MsecException(json.get("code").asText(), json.path("detail").asText());
    }
    throw new MsecException("bench-http", "status " + status);
  }

  private static JsonNode json(byte[] body) {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
