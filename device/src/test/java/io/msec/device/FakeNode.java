package io.msec.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP part of a node, as much as devices use: registration checked against the owner's
 * signature, device records whose {@code lastSeq} is the highest sequence number the {@link
 * TestBroker} let through, and {@code GET /api/v1/node} naming that broker.
 */
public final class FakeNode implements AutoCloseable {
  final Map<String, JsonNode> registrations = new ConcurrentHashMap<>();
  final Map<String, String> revoked = new ConcurrentHashMap<>();
  private final TestBroker broker;
  private final HttpServer server;

  FakeNode(TestBroker broker) throws IOException {
    this.broker = broker;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/node", this::node);
    server.createContext("/api/v1/devices", this::devices);
    server.start();
  }

  /** A fake node in front of the shared test broker. */
  public static FakeNode onSharedBroker() throws IOException {
    return new FakeNode(TestBroker.shared());
  }

  /** The sequence numbers the broker let through for {@code did}, in arrival order. */
  public java.util.List<Long> seqs(DidKey did) {
    return broker.seqs(did);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void node(HttpExchange exchange) throws IOException {
    answer(exchange, 200, "{\"mqtt\":\"127.0.0.1:" + broker.port + "\"}");
  }

  private void devices(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (exchange.getRequestMethod().equals("GET")) {
      String did = path.substring("/api/v1/devices/".length());
      JsonNode registration = registrations.get(did);
      if (registration == null) {
        answer(exchange, 404, "{\"code\":\"unknown-device\",\"detail\":\"no such device\"}");
        return;
      }
      ObjectNode record = registration.deepCopy();
      record.put(
          "lastSeq", broker.seqs(DidKey.parse(did)).stream().mapToLong(s -> s).max().orElse(0));
      answer(exchange, 200, record.toString());
      return;
    }
    Envelope envelope =
        Envelope.fromJson(Json.mapper().readTree(exchange.getRequestBody().readAllBytes()));
    JsonNode payload = envelope.payload();
    if (!envelope.verify()
        || !payload.path("owner").asText().equals(envelope.signer().toString())) {
      answer(exchange, 401, "{\"code\":\"bad-signature\",\"detail\":\"not signed by the owner\"}");
      return;
    }
    String device = payload.path("device").asText();
    if (path.endsWith("/revoke")) {
      revoked.put(device, payload.path("op").asText());
      answer(exchange, 200, payload.toString());
      return;
    }
    JsonNode before = registrations.putIfAbsent(device, payload);
    answer(exchange, before == null ? 201 : 200, payload.toString());
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
