package io.msec.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.ledger.Account;
import io.msec.ledger.Anchor;
import io.msec.ledger.Block;
import io.msec.ledger.Ledger;
import io.msec.ledger.ProofChecker;
import io.msec.ledger.Transaction;
import io.msec.node.chain.StoreReadingSource;
import java.util.concurrent.CompletionException;

/**
 * {@code /api/v1/ledger}: the chain head, blocks, transactions (read and submit), accounts, anchors
 * and proofs that a light client checks without trusting the node.
 */
final class LedgerRoutes {
  private static final String BASE = "/api/v1/ledger";

  private final Ledger ledger;
  private final io.msec.node.market.MarketService market;
  private final StoreReadingSource readings;

  LedgerRoutes(HttpApi.Parts parts) {
    this.ledger = parts.ledger();
    this.market = parts.market();
    this.readings = new StoreReadingSource(parts.store());
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get(BASE + "/head", ctx -> json(ctx, head()));
    // The bare signed head, as `msec ledger check-proof --head` reads it.
    cfg.routes.get(BASE + "/signed-head", ctx -> json(ctx, ledger.head().toJson()));
    cfg.routes.get(BASE + "/blocks", this::blocks);
    cfg.routes.get(BASE + "/blocks/{height}", this::block);
    cfg.routes.get(BASE + "/transactions/{id}", this::transaction);
    cfg.routes.post(BASE + "/transactions", this::submit);
    cfg.routes.get(BASE + "/accounts/{did}", this::account);
    cfg.routes.get(BASE + "/anchors", this::anchors);
    cfg.routes.get(BASE + "/events", this::events);
    cfg.routes.get(BASE + "/proofs/reading", this::readingProof);
    cfg.routes.get(BASE + "/proofs/transaction/{id}", this::transactionProof);
    cfg.routes.post(BASE + "/proofs/check", this::check);
  }

  private ObjectNode head() {
    ObjectNode out = ledger.head().toJson();
    out.put("sequencer", ledger.sequencerKey().toString());
    out.put("treasury", ledger.treasury().toString());
    out.put("totalSupply", Long.toString(ledger.totalSupply()));
    return out;
  }

  private void blocks(Context ctx) {
    long height = ledger.height();
    int limit = Params.integer(ctx, "limit", 20, 1, 200);
    long from =
        ctx.queryParam("before") == null ? height : parseHeight(ctx.queryParam("before")) - 1;
    ArrayNode out = Json.mapper().createArrayNode();
    for (long h = Math.min(from, height); h >= 0 && out.size() < limit; h--) {
      ledger.block(h).ifPresent(b -> out.add(summary(b)));
    }
    ctx.contentType("application/json").result(out.toString());
  }

  private static ObjectNode summary(Block b) {
    ObjectNode s = b.header().toJson();
    s.put("hash", io.msec.core.Hashes.hex(b.hash()));
    ArrayNode txs = s.putArray("transactions");
    for (Transaction t : b.transactions()) {
      txs.addObject().put("id", t.idHex()).put("op", t.op()).put("account", t.account().toString());
    }
    return s;
  }

  private void block(Context ctx) {
    long h = parseHeight(ctx.pathParam("height"));
    Block b =
        ledger
            .block(h)
            .orElseThrow(() -> new MsecException("not-found", "no block at height " + h));
    ObjectNode out = b.toJson();
    out.put("hash", io.msec.core.Hashes.hex(b.hash()));
    json(ctx, out);
  }

  private void transaction(Context ctx) {
    String id = txId(ctx);
    Transaction tx =
        ledger
            .transaction(id)
            .orElseThrow(() -> new MsecException("not-found", "no transaction " + id));
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("id", tx.idHex());
    out.set("transaction", tx.toJson());
    ledger.receipt(id).ifPresent(r -> out.set("receipt", r.toJson()));
    json(ctx, out);
  }

  private void submit(Context ctx) {
    Transaction tx = Transaction.fromJson(DeviceRoutes.body(ctx));
    Ledger.Submission done;
    try {
      done = ledger.submitOnce(tx).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof MsecException m) {
        throw m;
      }
      throw e;
    }
    // 200 and "repeated" when the very same transaction came before: it moved nothing again.
    ctx.status(done.repeated() ? 200 : 201);
    json(ctx, done.receipt().toJson().put("repeated", done.repeated()));
  }

  private void account(Context ctx) {
    DidKey did = Params.did("account", ctx.pathParam("did"));
    Account a = ledger.account(did);
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("account", did.toString());
    out.put("balance", Long.toString(a.balance()));
    out.put("nonce", a.nonce());
    out.put("nextNonce", a.nonce() + 1);
    json(ctx, out);
  }

  private void anchors(Context ctx) {
    DidKey device = Params.did("device", Params.required(ctx, "device"));
    ArrayNode out = Json.mapper().createArrayNode();
    for (Anchor a : ledger.anchors(device)) {
      out.add(a.toJson());
    }
    ctx.contentType("application/json").result(out.toString());
  }

  /**
   * The device changes on the ledger as an event log, one JSON object a line, in ledger order:
   * {@code {"seq":1,"action":"register","device":"did:key:…","height":3,"tx":"…"}}. With {@code
   * device}, only that device's events, which {@code models/device-lifecycle.fsp} describes; check
   * them with {@code msec check --trace events.jsonl models/device-lifecycle.fsp}. With {@code
   * order}, that order's purchase history in the alphabet of {@code models/purchase.fsp}.
   */
  private void events(Context ctx) {
    if (ctx.queryParam("order") != null) {
      StringBuilder lines = new StringBuilder();
      market.events(ctx.queryParam("order")).forEach(e -> lines.append(e).append('\n'));
      ctx.contentType("application/x-ndjson").result(lines.toString());
      return;
    }
    String only = ctx.queryParam("device");
    DidKey device = only == null ? null : Params.did("device", only);
    StringBuilder out = new StringBuilder();
    long seq = 0;
    for (long h = 0; h <= ledger.height(); h++) {
      Block b = ledger.block(h).orElse(null);
      if (b == null) {
        continue;
      }
      for (Transaction tx : b.transactions()) {
        String action = DEVICE_ACTIONS.get(tx.op());
        JsonNode subject = tx.args().get("device");
        if (action == null || subject == null) {
          continue;
        }
        if (device != null && !device.toString().equals(subject.asText())) {
          continue;
        }
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("seq", ++seq);
        event.put("action", action);
        event.put("device", subject.asText());
        event.put("height", h);
        event.put("tx", tx.idHex());
        out.append(event).append('\n');
      }
    }
    ctx.contentType("application/x-ndjson").result(out.toString());
  }

  /** Ledger operations on a device, by the action names of models/device-lifecycle.fsp. */
  private static final java.util.Map<String, String> DEVICE_ACTIONS =
      java.util.Map.of(
          "register-device", "register",
          "rotate-device-key", "rotate",
          "transfer-device", "transfer",
          "revoke-device", "revoke",
          "anchor", "anchor");

  private void readingProof(Context ctx) {
    DidKey device = Params.did("device", Params.required(ctx, "device"));
    long seq = parseHeight(Params.required(ctx, "seq"));
    json(ctx, ledger.proveReading(device, seq, readings));
  }

  private void transactionProof(Context ctx) {
    json(ctx, ledger.proveTransaction(txId(ctx)));
  }

  /** The {@code id} path parameter: a transaction id is 64 lowercase hex digits. */
  private static String txId(Context ctx) {
    String id = ctx.pathParam("id");
    if (!id.matches("[0-9a-f]{64}")) {
      throw new MsecException(
          "bad-request", "a transaction id is 64 lowercase hex digits, was '" + id + "'");
    }
    return id;
  }

  /** Checks a proof against this node's current signed head, for the dashboard's verify page. */
  private void check(Context ctx) {
    JsonNode proof = DeviceRoutes.body(ctx);
    ProofChecker.Result r = ProofChecker.check(proof, ledger.sequencerKey());
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("valid", r.valid());
    if (r.failedStep() != null) {
      out.put("failedStep", r.failedStep());
    }
    out.put("message", r.message());
    json(ctx, out);
  }

  private static long parseHeight(String text) {
    try {
      long v = Long.parseLong(text);
      if (v < 0) {
        throw Params.badRequest("a height or sequence number is not negative");
      }
      return v;
    } catch (NumberFormatException e) {
      throw Params.badRequest("'" + text + "' is not a number");
    }
  }

  private static void json(Context ctx, ObjectNode body) {
    ctx.contentType("application/json").result(body.toString());
  }
}
