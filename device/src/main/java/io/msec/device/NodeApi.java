package io.msec.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.core.MsecException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a node's HTTP API that devices and their owners use (docs/protocol.md): register and
 * revoke a device with an envelope signed by the owner, read a device's record and last stored
 * sequence number, and learn the node's MQTT address. Errors answered as RFC 9457 problem documents
 * are thrown as {@link MsecException} with the node's code. Thread safe.
 *
 * <pre>{@code
 * NodeApi api = new NodeApi(URI.create("http://127.0.0.1:8080"));
 * api.register(owner, registration);
 * long next = api.lastSeq(device.did()) + 1;
 * }</pre>
 */
public final class NodeApi {
  private static final Logger LOG = LoggerFactory.getLogger(NodeApi.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * The node's answer to a registration.
   *
   * @param created true if this call registered the device, false if the owner had already
   * @param device the device record
   */
  public record Registered(boolean created, JsonNode device) {}

  /**
   * What a node says about itself.
   *
   * @param mqtt the address of its MQTT broker, {@code tcp://host:port}
   * @param document the whole answer of {@code GET /api/v1/node}
   */
  public record NodeInfo(URI mqtt, JsonNode document) {}

  private final URI base;
  private final HttpClient http;
  private final Clock clock;

  /** A client of the node at {@code base}, e.g. {@code http://127.0.0.1:8080}. */
  public NodeApi(URI base) {
    this(
        base,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        Clock.systemUTC());
  }

  public NodeApi(URI base, HttpClient http, Clock clock) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.http = http;
    this.clock = clock;
  }

  /**
   * Registers a device, signed by its {@code owner}. Idempotent for the same owner.
   *
   * @throws MsecException {@code device-exists} if another owner registered it, or the node's code
   */
  public Registered register(Identity owner, DeviceRegistration registration) {
    ObjectNode payload = registration.toPayload(owner.did(), now());
    HttpResponse<String> response = post("/api/v1/devices", Envelope.sign(owner, payload));
    LOG.info(
        "registered device={} status={} type={}",
        registration.device(),
        response.statusCode(),
        registration.type());
    return new Registered(response.statusCode() == 201, body(response));
  }

  /** Revokes a device, signed by its {@code owner}; its next reading is refused. */
  public JsonNode revoke(Identity owner, DidKey device) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("op", "revoke-device");
    payload.put("device", device.toString());
    payload.put("owner", owner.did().toString());
    payload.put("time", now().toString());
    HttpResponse<String> response =
        post("/api/v1/devices/" + device + "/revoke", Envelope.sign(owner, payload));
    LOG.info("revoked device={} status={}", device, response.statusCode());
    return body(response);
  }

  /** The device record, or empty if the node does not know the device. */
  public Optional<JsonNode> device(DidKey device) {
    HttpResponse<String> response = send(get("/api/v1/devices/" + device), true);
    return response.statusCode() == 404 ? Optional.empty() : Optional.of(body(response));
  }

  /**
   * The highest sequence number the node stored for {@code device}, 0 if none.
   *
   * @throws MsecException {@code unknown-device} if the node does not know it
   */
  public long lastSeq(DidKey device) {
    JsonNode record =
        device(device)
            .orElseThrow(
                () -> new MsecException("unknown-device", "the node does not know " + device));
    JsonNode last = record.get("lastSeq");
    return last == null || last.isNull() ? 0 : last.asLong();
  }

  /** What {@code GET /api/v1/node} says, with the MQTT address. */
  public NodeInfo node() {
    JsonNode doc = body(send(get("/api/v1/node"), false));
    String mqtt = doc.path("mqtt").asText("");
    if (mqtt.isEmpty()) {
      throw new MsecException("malformed-answer", "GET /api/v1/node names no 'mqtt' address");
    }
    return new NodeInfo(URI.create(mqtt.contains("://") ? mqtt : "tcp://" + mqtt), doc);
  }

  /** The node's base address. */
  public URI base() {
    return base;
  }

  private java.time.Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(TIMEOUT)
        .header("Accept", "application/json")
        .GET()
        .build();
  }

  private HttpResponse<String> post(String path, Envelope envelope) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(envelope.toJson().toString()))
            .build();
    return send(request, false);
  }

  private HttpResponse<String> send(HttpRequest request, boolean allowNotFound) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new MsecException(
          "node-unreachable", "cannot reach node at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MsecException("interrupted", "interrupted while calling " + request.uri());
    }
    int status = response.statusCode();
    if (status >= 400 && !(allowNotFound && status == 404)) {
      throw problem(request, response);
    }
    return response;
  }

  private static MsecException problem(HttpRequest request, HttpResponse<String> response) {
    String code = "http-" + response.statusCode();
    String detail = response.body();
    try {
      JsonNode doc = Json.mapper().readTree(response.body());
      if (doc != null && doc.hasNonNull("code")) {
        code = doc.get("code").asText();
        detail = doc.path("detail").asText(doc.path("title").asText(detail));
      }
    } catch (IOException e) {
      LOG.debug("error answer is not JSON uri={} status={}", request.uri(), response.statusCode());
    }
    return new MsecException(
        code, request.method() + " " + request.uri().getPath() + " refused: " + detail);
  }

  private static JsonNode body(HttpResponse<String> response) {
    try {
      String text = response.body();
      return text == null || text.isBlank()
          ? Json.mapper().createObjectNode()
          : Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new MsecException("malformed-answer", "node answered non-JSON: " + e.getMessage(), e);
    }
  }
}
