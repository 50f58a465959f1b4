package io.msec.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.market.License;
import io.msec.market.MarketCodes;
import io.msec.market.Product;
import io.msec.market.crypto.Grant;
import io.msec.node.market.Catalogue;
import io.msec.node.market.MarketService;
import io.msec.node.market.Reputations;
import java.io.IOException;

/**
 * {@code /api/v1/market}: the catalogue, orders, deliveries to licensees (grants, encrypted
 * streams, bundles), grants relayed for sealed devices, reputation and earnings. Transactions
 * (offer, buy, settle, rate...) go through {@code POST /api/v1/ledger/transactions}.
 */
final class MarketRoutes {
  private static final String BASE = "/api/v1/market";
  private static final String STREAM = BASE + "/licenses/{id}/stream";
  private static final int LICENSEE_QUEUE = 10_000;

  private final MarketService market;
  private final Reputations reputations;
  private final EventSenders senders;

  MarketRoutes(MarketService market, Reputations reputations, EventSenders senders) {
    this.market = market;
    this.reputations = reputations;
    this.senders = senders;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get(BASE + "/offers", this::offers);
    cfg.routes.get(BASE + "/offers/{id}", this::offer);
    cfg.routes.get(BASE + "/orders", this::orders);
    cfg.routes.get(BASE + "/orders/{id}", this::order);
    cfg.routes.get(BASE + "/licenses/{id}/grants", this::grants);
    cfg.routes.get(BASE + "/licenses/{id}/bundle", this::bundle);
    // Checked before the event stream starts, so a refusal is still a problem document.
    cfg.routes.before(STREAM, ctx -> ctx.attribute("license", streamable(ctx)));
    cfg.routes.sse(STREAM, this::stream);
    cfg.routes.post(BASE + "/grants", this::relay);
    cfg.routes.get(BASE + "/reputation", ctx -> json(ctx, reputations.ranking().toJson()));
    cfg.routes.get(
        BASE + "/earnings/{did}",
        ctx -> json(ctx, market.earnings(Params.did("did", ctx.pathParam("did")))));
  }

  private void offers(Context ctx) {
    Catalogue.Query q =
        new Catalogue.Query(
            ctx.queryParam("q"),
            ctx.queryParam("property"),
            bbox(ctx.queryParam("bbox")),
            Params.instant(ctx, "from", null),
            Params.instant(ctx, "to", null),
            ctx.queryParam("maxPrice") == null ? null : price(ctx.queryParam("maxPrice")),
            ctx.queryParam("kind") == null ? null : kind(ctx.queryParam("kind")),
            ctx.queryParam("provider") == null
                ? null
                : Params.did("provider", ctx.queryParam("provider")),
            ctx.queryParam("device") == null
                ? null
                : Params.did("device", ctx.queryParam("device")),
            all(ctx.queryParam("all")));
    if (q.from() != null && q.to() != null && !q.from().isBefore(q.to())) {
      throw Params.badRequest("'from' must be before 'to'");
    }
    json(ctx, market.catalogue().search(q, market.nowMillis()));
  }

  private void offer(Context ctx) {
    String id = ctx.pathParam("id");
    json(
        ctx,
        market
            .catalogue()
            .offer(id, market.nowMillis())
            .orElseThrow(() -> new MsecException(MarketCodes.OFFER_NOT_FOUND, "no offer " + id)));
  }

  private void orders(Context ctx) {
    DidKey buyer =
        ctx.queryParam("buyer") == null ? null : Params.did("buyer", ctx.queryParam("buyer"));
    DidKey provider =
        ctx.queryParam("provider") == null
            ? null
            : Params.did("provider", ctx.queryParam("provider"));
    json(ctx, market.orders(buyer, provider));
  }

  private void order(Context ctx) {
    String id = ctx.pathParam("id");
    json(
        ctx,
        market
            .market()
            .order(id)
            .map(market::orderJson)
            .orElseThrow(() -> new MsecException(MarketCodes.ORDER_NOT_FOUND, "no order " + id)));
  }

  private License authorize(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth == null) {
      // EventSource in a browser cannot set headers; the same signed value may come as ?auth=.
      auth = ctx.queryParam("auth");
    }
    return market.authorize(ctx.pathParam("id"), ctx.queryParam("purpose"), auth);
  }

  /** A stream license a client may follow: checked, and asked for as an event stream. */
  private License streamable(Context ctx) {
    License l = authorize(ctx);
    if (l.product().kind() != Product.Kind.STREAM) {
      throw new MsecException(
          "wrong-product", "order " + l.order() + " is not a stream; fetch its bundle");
    }
    Params.acceptsEventStream(ctx, "a license's readings");
    return l;
  }

  private void grants(Context ctx) {
    License l = authorize(ctx);
    ArrayNode out = Json.mapper().createArrayNode();
    for (Grant g : market.grants(l)) {
      out.add(g.toJson());
    }
    json(ctx, out);
  }

  private void bundle(Context ctx) {
    License l = authorize(ctx);
    byte[] sealed = market.bundle(l);
    ctx.contentType("application/octet-stream")
        .header("Content-Disposition", "attachment; filename=\"" + l.order() + ".bundle\"")
        .result(sealed);
  }

  private void stream(SseClient client) {
    License l = client.ctx().attribute("license");
    // One queue and sender per licensee, so a slow buyer holds back no one.
    EventSenders.Sender stream =
        senders.open(
            client,
            "msec-licensee-" + l.order().substring(0, 8),
            LICENSEE_QUEUE,
            () -> market.licensed(l.order()) ? null : "the license is no longer valid");
    stream.feedBy(market.subscribe(l, stream));
    client.keepAlive();
    client.sendComment("licensed " + l.order());
    // Readings published from here on reach this client: say so, so a client knows when.
    stream.send("ready", l.order());
    stream.start();
  }

  private void relay(Context ctx) throws IOException {
    JsonNode body = DeviceRoutes.body(ctx);
    market.relay(body, ctx.header("Authorization"));
    ctx.status(202).json(java.util.Map.of("relayed", true));
  }

  private static double[] bbox(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split(",");
    if (parts.length != 4) {
      throw Params.badRequest("bbox is minLon,minLat,maxLon,maxLat");
    }
    double[] out = new double[4];
    try {
      for (int i = 0; i < 4; i++) {
        out[i] = Double.parseDouble(parts[i].trim());
      }
    } catch (NumberFormatException e) {
      throw Params.badRequest("bbox is four numbers minLon,minLat,maxLon,maxLat, was " + text);
    }
    boolean lons = out[0] >= -180 && out[2] <= 180 && out[0] <= out[2];
    boolean lats = out[1] >= -90 && out[3] <= 90 && out[1] <= out[3];
    if (!lons || !lats) {
      throw Params.badRequest(
          "bbox is minLon,minLat,maxLon,maxLat in degrees, longitudes within ±180, latitudes"
              + " within ±90, each minimum at most its maximum");
    }
    return out;
  }

  private static long price(String text) {
    long p;
    try {
      p = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw Params.badRequest("maxPrice is a whole number of tokens");
    }
    if (p < 0) {
      throw Params.badRequest("maxPrice is 0 or more tokens");
    }
    return p;
  }

  private static boolean all(String text) {
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw Params.badRequest("all is true or false");
  }

  private static Product.Kind kind(String text) {
    try {
      return Product.Kind.fromJson(text);
    } catch (RuntimeException e) {
      throw Params.badRequest("kind is stream, history or dataset");
    }
  }

  private static void json(Context ctx, JsonNode body) {
    ctx.contentType("application/json").result(body.toString());
  }
}
