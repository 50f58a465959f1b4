package io.msec.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.IoFailures;
import io.msec.core.Json;
import io.msec.core.MsecException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a node's HTTP API that devices and their owners use (docs/protocol.md): register,
 * rotate the key of and revoke a device with ledger transactions signed by the owner ({@link
 * LedgerTransactions}), read a device's record and last stored sequence number, and learn the
 * node's MQTT address. Errors answered as RFC 9457 problem documents are thrown as {@link
 * MsecException} with the node's code. Thread safe.
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
  private static final String WRONG_NONCE = "wrong-nonce";

  /** Attempts at a transaction whose nonce another transaction of the same owner took first. */
  static final int MAX_ATTEMPTS = 8;

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
  private final Map<DidKey, ReentrantLock> ownerLocks = new ConcurrentHashMap<>();

  /** A client of the node at {@code base}, e.g. {@code http://127.0.0.1:8080}. */
  public NodeApi(URI base) {
    this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  public NodeApi(URI base, HttpClient http) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.http = http;
  }

  /**
   * Registers a device with a {@code register-device} ledger transaction signed by its {@code
   * owner}. Idempotent for the same owner: the node answers 200 and {@link Registered#created()} is
   * false.
   *
   * @throws MsecException {@code device-exists} if another owner registered it, {@code wrong-nonce}
   *     if other transactions of the owner kept taking the nonce, or the node's code
   */
  public Registered register(Identity owner, DeviceRegistration registration) {
    HttpResponse<String> response =
        submit(
            owner,
            "/api/v1/devices",
            LedgerTransactions.REGISTER_DEVICE,
            LedgerTransactions.registerArgs(registration));
    LOG.debug(
        "registered device={} status={} type={}",
        registration.device(),
        response.statusCode(),
        registration.type());
    return new Registered(response.statusCode() == 201, body(response));
  }

  /**
   * Revokes a device with a {@code revoke-device} ledger transaction signed by its {@code owner};
   * its next reading is refused.
   *
   * @return the device record the node answers
   * @throws MsecException the node's code, e.g. {@code not-owner} or {@code device-revoked}
   */
  public JsonNode revoke(Identity owner, DidKey device) {
    HttpResponse<String> response =
        submit(
            owner,
            "/api/v1/devices/" + device + "/revoke",
            LedgerTransactions.REVOKE_DEVICE,
            LedgerTransactions.revokeArgs(device));
    LOG.info("revoked device={} status={}", device, response.statusCode());
    return body(response);
  }

  /**
   * Replaces the key {@code device} signs with by {@code newKey}, with a {@code rotate-device-key}
   * ledger transaction signed by its {@code owner}. The device keeps its id; from now on it
   * connects with {@link DeviceClient#connect(URI, DidKey, Identity, DeviceOptions)}.
   *
   * @return the device record the node answers
   * @throws MsecException the node's code, e.g. {@code not-owner} or {@code device-revoked}
   */
  public JsonNode rotate(Identity owner, DidKey device, DidKey newKey) {
    HttpResponse<String> response =
        submit(
            owner,
            "/api/v1/devices/" + device + "/rotate",
            LedgerTransactions.ROTATE_DEVICE_KEY,
            LedgerTransactions.rotateArgs(device, newKey));
    LOG.info("rotated device key device={} status={}", device, response.statusCode());
    return body(response);
  }

  /**
   * The nonce the next transaction of {@code account} must carry: {@code nextNonce} of {@code GET
   * /api/v1/ledger/accounts/{did}}, 1 for an account the ledger has not seen.
   */
  public long nextNonce(DidKey account) {
    JsonNode doc = body(send(get("/api/v1/ledger/accounts/" + account), false));
    JsonNode next = doc.get("nextNonce");
    if (next != null && next.canConvertToLong() && next.longValue() >= 1) {
      return next.longValue();
    }
    JsonNode last = doc.get("nonce");
    if (last != null && last.canConvertToLong() && last.longValue() >= 0) {
      return last.longValue() + 1;
    }
    throw new MsecException(
        "malformed-answer", "GET /api/v1/ledger/accounts/" + account + " names no nonce");
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

  /**
   * Signs {@code op} with the owner's next nonce and posts it to {@code path}. Calls of one owner
   * through this client go one at a time, so that they do not take each other's nonce. A {@code
   * wrong-nonce} answer means another transaction of the owner took the nonce first (sent by
   * another client, or not yet in a block when the nonce was read); the transaction is signed again
   * with a fresh nonce after a short random pause, at most {@link #MAX_ATTEMPTS} times in all.
   */
  private HttpResponse<String> submit(Identity owner, String path, String op, ObjectNode args) {
    // Limitation: one transaction of an owner at a time, each waiting for its block, since the
    // next one needs its nonce; registering many devices costs a block interval each.
    ReentrantLock lock = ownerLocks.computeIfAbsent(owner.did(), k -> new ReentrantLock());
    lock.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        long nonce = nextNonce(owner.did());
        try {
          return post(path, LedgerTransactions.sign(owner, nonce, op, args));
        } catch (MsecException e) {
          if (!WRONG_NONCE.equals(e.code()) || attempt >= MAX_ATTEMPTS) {
            throw e;
          }
          LOG.debug("nonce taken op={} nonce={} attempt={}", op, nonce, attempt);
          pause(attempt);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private static void pause(int attempt) {
    long bound = Math.min(1000, 5L << attempt);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound / 2, bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MsecException("interrupted", "interrupted while waiting to retry a transaction");
    }
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(TIMEOUT)
        .header("Accept", "application/json")
        .GET()
        .build();
  }

  private HttpResponse<String> post(String path, ObjectNode transaction) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(CanonicalJson.string(transaction)))
            .build();
    return send(request, false);
  }

  private HttpResponse<String> send(HttpRequest request, boolean allowNotFound) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new MsecException(
          "node-unreachable",
          "cannot reach the node at " + base + ": " + IoFailures.describe(e),
          e);
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
