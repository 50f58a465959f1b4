package io.msec.market.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.IoFailures;
import io.msec.core.Json;
import io.msec.core.MsecException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends commands to a twin: {@code POST /api/v1/twins/{did}/commands} with the command signed by
 * the smart object's own key (docs/twins.md, "Commands"). A refusal becomes a {@link MsecException}
 * with the node's code. Thread-safe.
 */
final class TwinCommandSender {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI node;
  private final HttpClient http;

  TwinCommandSender(URI node, HttpClient http) {
    String text = node.toString();
    this.node = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.http = http;
  }

  /**
   * Signs and sends {@code command} = {@code value} for the twin of {@code device}.
   *
   * @return the command as the node kept it, with its {@code id}
   * @throws MsecException the node's code, {@code node-unreachable} or {@code interrupted}
   */
  JsonNode send(
      Identity signer, DidKey device, String command, String value, Instant at, String reason) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("device", device.toString());
    payload.put("command", command);
    payload.put("value", value);
    payload.put("time", at.toString());
    payload.put("reason", reason);
    String body = Envelope.sign(signer, payload).toJson().toString();
    String path = "/api/v1/twins/" + URLEncoder.encode(device.toString(), StandardCharsets.UTF_8);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(node + path + "/commands"))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> r;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new MsecException(
          "node-unreachable", "cannot reach the node at " + node + ": " + IoFailures.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MsecException("interrupted", "interrupted while sending a command");
    }
    JsonNode answer = parse(r.body());
    if (r.statusCode() >= 400) {
      throw new MsecException(
          answer.path("code").asText("http-" + r.statusCode()),
          answer.path("detail").asText("the node refused the command"));
    }
    return answer;
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode doc = Json.mapper().readTree(body);
      return doc == null ? Json.mapper().createObjectNode() : doc;
    } catch (IOException e) {
      return Json.mapper().createObjectNode();
    }
  }
}
