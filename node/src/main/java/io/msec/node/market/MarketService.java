package io.msec.node.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Json;
import io.msec.core.MsecException;
import io.msec.ledger.Ledger;
import io.msec.market.License;
import io.msec.market.Market;
import io.msec.market.MarketCodes;
import io.msec.market.Order;
import io.msec.market.Product;
import io.msec.market.crypto.AccessToken;
import io.msec.market.crypto.Grant;
import io.msec.node.chain.Anchorer;
import io.msec.twin.ReadingStore;
import io.msec.twin.StoredReading;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of the marketplace: the catalogue, access checks on licenses, delivery of streams
 * (epoch keys and encrypted readings) and bundles, relaying of sealed devices' grants, and the
 * escrow agent. What it decides rests on the ledger and on the durable {@link DeliveryLog}.
 *
 * <pre>{@code
 * MarketService market = MarketService.start(ledger, store, anchorer, dataDir, clock, config);
 * License l = market.authorize(order, "research", authorizationHeader);
 * }</pre>
 */
public final class MarketService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MarketService.class);

  /**
   * @param epochMillis length of a stream epoch
   * @param reconcileMillis how often the escrow agent looks at held escrow
   */
  public record Config(long epochMillis, long reconcileMillis) {
    public static Config defaults() {
      return new Config(60_000, 2_000);
    }
  }

  private final Market market;
  private final Ledger ledger;
  private final DeliveryLog log;
  private final StreamDelivery streams;
  private final Bundler bundler;
  private final EscrowAgent agent;
  private final Catalogue catalogue;
  private final Clock clock;
  private final ScheduledExecutorService timer;

  private MarketService(
      Ledger ledger,
      DeliveryLog log,
      StreamDelivery streams,
      Bundler bundler,
      EscrowAgent agent,
      Market market,
      Clock clock) {
    this.ledger = ledger;
    this.log = log;
    this.streams = streams;
    this.bundler = bundler;
    this.agent = agent;
    this.market = market;
    this.catalogue = new Catalogue(market, ledger);
    this.clock = clock;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "msec-escrow-agent");
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens {@code market.db} in {@code dataDir}, reconciles held escrow and starts the agent. */
  public static MarketService start(
      Ledger ledger,
      ReadingStore store,
      Anchorer anchorer,
      Path dataDir,
      Clock clock,
      Config config) {
    DeliveryLog log = DeliveryLog.open(dataDir.resolve("market.db"));
    Market market = new Market(ledger);
    SignedForms forms = new SignedForms(store);
    StreamDelivery streams =
        new StreamDelivery(ledger, new Licenses(ledger), log, forms, config.epochMillis(), clock);
    EscrowAgent agent = new EscrowAgent(market, log, anchorer, clock);
    MarketService s =
        new MarketService(
            ledger,
            log,
            streams,
            new Bundler(ledger, store, anchorer, forms),
            agent,
            market,
            clock);
    int closed = agent.reconcile();
    s.timer.scheduleWithFixedDelay(
        s::reconcileQuietly,
        config.reconcileMillis(),
        config.reconcileMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info(
        "market started offers={} orders={} escrowHeld={} closedAtStart={}",
        market.offers().size(),
        market.orders().size(),
        market.escrowHeld(),
        closed);
    return s;
  }

  private void reconcileQuietly() {
    try {
      agent.reconcile();
    } catch (RuntimeException e) {
      LOG.error("escrow reconciliation failed", e);
    }
  }

  /** Runs the escrow agent now; returns the number of escrows it closed. */
  public int reconcile() {
    return agent.reconcile();
  }

  public Market market() {
    return market;
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  /** Called for every stored reading. */
  public void stored(StoredReading r) {
    streams.stored(r);
  }

  /**
   * Checks a delivery call on {@code order}: signed by its buyer, for the license's purpose, while
   * the license is valid.
   *
   * @throws MsecException {@code bad-auth}, {@code order-not-found}, {@code not-buyer}, {@code
   *     license-revoked}, {@code license-expired} or {@code purpose-not-allowed}
   */
  public License authorize(String order, String purpose, String authorization) {
    if (purpose == null || purpose.isBlank()) {
      throw new MsecException("bad-request", "name the purpose of use: ?purpose=...");
    }
    long now = clock.millis();
    DidKey caller = AccessToken.verify(authorization, order, purpose, now);
    License l =
        market
            .order(order)
            .map(Order::license)
            .orElseThrow(() -> new MsecException(MarketCodes.ORDER_NOT_FOUND, "no order " + order));
    if (!l.buyer().equals(caller)) {
      throw new MsecException(MarketCodes.NOT_BUYER, caller + " did not buy order " + order);
    }
    if (l.revoked()) {
      throw new MsecException("license-revoked", "the license of order " + order + " is revoked");
    }
    if (now >= l.validUntilMillis()) {
      throw new MsecException("license-expired", "the license of order " + order + " expired");
    }
    if (!l.purpose().equals(purpose)) {
      throw new MsecException(
          MarketCodes.PURPOSE_NOT_ALLOWED,
          "the license allows use for '" + l.purpose() + "', not '" + purpose + "'");
    }
    return l;
  }

  /** True while the license of {@code order} is valid (not revoked, refunded or expired). */
  public boolean licensed(String order) {
    long now = clock.millis();
    return market.order(order).map(o -> o.license().validAt(now)).orElse(false);
  }

  /** The grants of a stream license so far; makes sure the current epoch is among them. */
  public List<Grant> grants(License license) {
    requireKind(license, true);
    streams.ensureGrant(license);
    List<Grant> out =
        log.grants(license.order()).stream()
            .map(g -> new Grant(g.order(), g.device(), g.epoch(), g.fromMillis(), g.wrapped()))
            .toList();
    if (!out.isEmpty()) {
      log.delivered(license.order(), clock.millis(), "grant");
    }
    return out;
  }

  /**
   * Subscribes {@code sink} to a stream license: first the grants so far, then grants and readings
   * as they come.
   */
  public AutoCloseable subscribe(License license, StreamDelivery.Sink sink) {
    // A grant issued while subscribing arrives both pushed and listed: send each once.
    java.util.Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
    StreamDelivery.Sink once =
        (event, data) -> !event.equals("grant") || sent.add(data) ? sink.send(event, data) : true;
    AutoCloseable handle = streams.subscribe(license.order(), once);
    for (Grant g : grants(license)) {
      once.send("grant", g.toJson().toString());
    }
    return handle;
  }

  /**
   * The sealed bundle of a history or dataset license. If the node holds no reading in the window,
   * the order is refunded at once.
   */
  public byte[] bundle(License license) {
    requireKind(license, false);
    byte[] sealed;
    try {
      sealed = bundler.build(license);
    } catch (MsecException e) {
      if (e.code().equals("no-data")) {
        agent.deliveryFailed(license.order(), "no-data");
      }
      throw e;
    }
    log.delivered(license.order(), clock.millis(), "bundle");
    return sealed;
  }

  /**
   * Relays a grant posted by the owner of a sealed device; the node cannot open it.
   *
   * @throws MsecException {@code not-provider} unless the caller is the license's provider
   */
  public void relay(JsonNode grantJson, String authorization) {
    Grant g = Grant.fromJson(grantJson);
    DidKey caller = AccessToken.verify(authorization, g.order(), "grant", clock.millis());
    License l =
        market
            .order(g.order())
            .map(Order::license)
            .orElseThrow(
                () -> new MsecException(MarketCodes.ORDER_NOT_FOUND, "no order " + g.order()));
    if (!l.provider().equals(caller)) {
      throw new MsecException(MarketCodes.NOT_PROVIDER, "only the provider grants keys");
    }
    if (!l.product().devices().contains(g.device())) {
      throw new MsecException("bad-request", "the license does not cover " + g.device());
    }
    log.grant(
        new DeliveryLog.StoredGrant(g.order(), g.device(), g.epoch(), g.fromMillis(), g.wrapped()));
    streams.push(g);
  }

  private static void requireKind(License l, boolean stream) {
    boolean isStream = l.product().kind() == Product.Kind.STREAM;
    if (isStream != stream) {
      throw new MsecException(
          "wrong-product",
          "order "
              + l.order()
              + " is a "
              + l.product().kind().json()
              + (stream ? ", not a stream; fetch its bundle" : "; subscribe to its stream"));
    }
  }

  /** An order as the API shows it: escrow, license, rating and delivery. */
  public ObjectNode orderJson(Order o) {
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("order", o.id());
    out.put("offer", o.license().offer());
    out.put("buyer", o.buyer().toString());
    out.put("provider", o.provider().toString());
    out.set("escrow", o.escrow().toJson());
    out.set("license", o.license().toJson());
    out.put("valid", o.license().validAt(clock.millis()));
    o.rating().ifPresent(r -> out.set("rating", r.toJson()));
    log.deliveredAt(o.id()).ifPresent(t -> out.put("deliveredAt", t));
    return out;
  }

  /** Orders filtered by buyer and provider (either may be null). */
  public ArrayNode orders(DidKey buyer, DidKey provider) {
    ArrayNode out = Json.mapper().createArrayNode();
    for (Order o : market.orders()) {
      if ((buyer == null || o.buyer().equals(buyer))
          && (provider == null || o.provider().equals(provider))) {
        out.add(orderJson(o));
      }
    }
    return out;
  }

  /** A provider's sales: counts and tokens by escrow state. */
  public ObjectNode earnings(DidKey provider) {
    long settled = 0, held = 0, refunded = 0, sales = 0;
    ArrayNode rows = Json.mapper().createArrayNode();
    for (Order o : market.ordersOfProvider(provider)) {
      sales++;
      switch (o.escrow().state()) {
        case SETTLED -> settled += o.escrow().amount();
        case HELD -> held += o.escrow().amount();
        case REFUNDED -> refunded += o.escrow().amount();
      }
      rows.add(orderJson(o));
    }
    ObjectNode out = Json.mapper().createObjectNode();
    out.put("provider", provider.toString());
    out.put("sales", sales);
    out.put("settled", settled);
    out.put("held", held);
    out.put("refunded", refunded);
    out.put("balance", ledger.balance(provider));
    out.set("orders", rows);
    return out;
  }

  /**
   * The history of {@code order} as events of {@code models/purchase.fsp}, one JSON object each.
   *
   * @throws MsecException {@code order-not-found}
   */
  public List<ObjectNode> events(String order) {
    List<ObjectNode> out = new PurchaseEvents(ledger, log).of(order);
    if (out.isEmpty()) {
      throw new MsecException(MarketCodes.ORDER_NOT_FOUND, "no order " + order);
    }
    return out;
  }

  public long nowMillis() {
    return clock.millis();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    streams.close();
    log.close();
  }
}
