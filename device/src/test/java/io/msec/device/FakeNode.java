package io.msec.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.msec.core.CanonicalJson;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.RevokeDevice;
import io.msec.ledger.RotateDeviceKey;
import io.msec.ledger.Transaction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP part of a node, as much as devices and owners use, on 127.0.0.1: device registration,
 * key rotation and revocation as owner-signed ledger transactions, read with the ledger's own
 * {@link Transaction} and held to its nonce rule; account nonces; device records whose {@code
 * lastSeq} is the highest sequence number the {@link TestBroker} let through; and {@code GET
 * /api/v1/node} naming that broker. A rotated key or a revocation is passed on to the broker, so
 * that it authenticates devices the way a node does.
 */
public final class FakeNode implements AutoCloseable {
  /** Device records by id, as the node answers them (without {@code lastSeq}). */
  final Map<String, ObjectNode> devices = new ConcurrentHashMap<>();

  /** Every transaction the fake ledger applied, in order. */
  final List<Transaction> applied = new CopyOnWriteArrayList<>();

  /** How many transactions were refused with {@code wrong-nonce}. */
  final AtomicInteger wrongNonces = new AtomicInteger();

  /**
   * While positive, each nonce read is followed by a transaction of the same account from
   * elsewhere, which takes the nonce just read; counts down.
   */
  final AtomicInteger nonceThieves = new AtomicInteger();

  private final Map<DidKey, Long> nonces = new ConcurrentHashMap<>();
  private final TestBroker broker;
  private final HttpServer server;

  FakeNode(TestBroker broker) throws IOException {
    this.broker = broker;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/node", this::node);
    server.createContext("/api/v1/ledger/accounts/", this::account);
    server.createContext("/api/v1/devices", this::devices);
    server.start();
  }

  /** A fake node in front of the shared test broker. */
  public static FakeNode onSharedBroker() throws IOException {
    return new FakeNode(TestBroker.shared());
  }

  /** The sequence numbers the broker let through for {@code did}, in arrival order. */
  public List<Long> seqs(DidKey did) {
    return broker.seqs(did);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void node(HttpExchange exchange) throws IOException {
    answer(exchange, 200, "{\"mqtt\":\"127.0.0.1:" + broker.port + "\"}");
  }

  private synchronized void account(HttpExchange exchange) throws IOException {
    DidKey account =
        DidKey.parse(
            exchange.getRequestURI().getPath().substring("/api/v1/ledger/accounts/".length()));
    long nonce = nonces.getOrDefault(account, 0L);
    if (nonceThieves.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      nonces.put(account, nonce + 1);
    }
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("account", account.toString());
    doc.put("balance", "0");
    doc.put("nonce", nonce);
    doc.put("nextNonce", nonce + 1);
    answer(exchange, 200, doc.toString());
  }

  private synchronized void devices(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (exchange.getRequestMethod().equals("GET")) {
      read(exchange, path.substring("/api/v1/devices/".length()));
      return;
    }
    Transaction tx;
    try {
      tx = Transaction.fromBytes(exchange.getRequestBody().readAllBytes());
    } catch (MsecException e) {
      problem(exchange, 400, e.code());
      return;
    }
    if (!tx.verifySignature()) {
      problem(exchange, 401, "bad-signature");
      return;
    }
    try {
      if (path.equals("/api/v1/devices")) {
        register(exchange, tx);
      } else if (path.endsWith("/revoke") || path.endsWith("/rotate")) {
        change(exchange, tx, path.substring("/api/v1/devices/".length(), path.lastIndexOf('/')));
      } else {
        problem(exchange, 404, "not-found");
      }
    } catch (MsecException e) {
      problem(exchange, 400, e.code());
    }
  }

  private void read(HttpExchange exchange, String did) throws IOException {
    ObjectNode record = devices.get(did);
    if (record == null) {
      problem(exchange, 404, "unknown-device");
      return;
    }
    ObjectNode out = record.deepCopy();
    out.put("lastSeq", broker.seqs(DidKey.parse(did)).stream().mapToLong(s -> s).max().orElse(0));
    answer(exchange, 200, out.toString());
  }

  private void register(HttpExchange exchange, Transaction tx) throws IOException {
    if (!tx.op().equals(RegisterDevice.TYPE)) {
      problem(exchange, 400, "malformed-registration");
      return;
    }
    RegisterDevice op = RegisterDevice.fromArgs(tx.argsView());
    ObjectNode before = devices.get(op.device().toString());
    if (before != null) {
      boolean same =
          before.path("owner").asText().equals(tx.account().toString())
              && CanonicalJson.string(before.get("args")).equals(CanonicalJson.string(op.toArgs()));
      if (same) {
        answer(exchange, 200, before.toString());
      } else {
        problem(exchange, 409, "device-exists");
      }
      return;
    }
    if (!takeNonce(exchange, tx)) {
      return;
    }
    ObjectNode record = Json.mapper().createObjectNode();
    record.put("device", op.device().toString());
    record.put("owner", tx.account().toString());
    record.put("key", op.device().toString());
    record.put("revoked", false);
    record.set("args", op.toArgs());
    devices.put(op.device().toString(), record);
    answer(exchange, 201, record.toString());
  }

  private void change(HttpExchange exchange, Transaction tx, String did) throws IOException {
    DidKey device;
    DidKey newKey = null;
    if (tx.op().equals(RevokeDevice.TYPE)) {
      device = RevokeDevice.fromArgs(tx.argsView()).device();
    } else if (tx.op().equals(RotateDeviceKey.TYPE)) {
      RotateDeviceKey op = RotateDeviceKey.fromArgs(tx.argsView());
      device = op.device();
      newKey = op.key();
    } else {
      problem(exchange, 400, "malformed-transaction");
      return;
    }
    ObjectNode record = devices.get(did);
    if (!device.toString().equals(did)) {
      problem(exchange, 400, "malformed-transaction");
    } else if (record == null) {
      problem(exchange, 404, "unknown-device");
    } else if (!record.path("owner").asText().equals(tx.account().toString())) {
      problem(exchange, 403, "not-owner");
    } else if (record.path("revoked").asBoolean()) {
      problem(exchange, 409, "device-revoked");
    } else if (takeNonce(exchange, tx)) {
      if (newKey == null) {
        record.put("revoked", true);
        broker.bannedDevices.add(did);
      } else {
        record.put("key", newKey.toString());
        broker.currentKeys.put(did, newKey);
      }
      answer(exchange, 200, record.toString());
    }
  }

  /** Applies the ledger's nonce rule; answers {@code wrong-nonce} and returns false if broken. */
  private boolean takeNonce(HttpExchange exchange, Transaction tx) throws IOException {
    long last = nonces.getOrDefault(tx.account(), 0L);
    if (tx.nonce() != last + 1) {
      wrongNonces.incrementAndGet();
      problem(exchange, 409, "wrong-nonce");
      return false;
    }
    nonces.put(tx.account(), tx.nonce());
    applied.add(tx);
    return true;
  }

  private static void problem(HttpExchange exchange, int status, String code) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
    ObjectNode doc = Json.mapper().createObjectNode();
    doc.put("status", status);
    doc.put("code", code);
    doc.put("detail", "refused: " + code);
    send(exchange, status, doc.toString());
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    send(exchange, status, body);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
