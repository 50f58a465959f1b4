package io.msec.market.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.DidKey;
import io.msec.core.Envelope;
import io.msec.core.Identity;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.ledger.Operation;
import io.msec.market.Buy;
import io.msec.market.CreateOffer;
import io.msec.market.Rate;
import io.msec.market.RevokeLicense;
import io.msec.market.Settle;
import io.msec.market.WithdrawOffer;
import io.msec.market.crypto.AccessToken;
import io.msec.market.crypto.BundleCheck;
import io.msec.market.crypto.BundleReport;
import io.msec.market.crypto.Bundles;
import io.msec.market.crypto.Grant;
import io.msec.market.crypto.RecipientKey;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The marketplace of one node as providers and buyers use it over HTTP (docs/market.md): ledger
 * transactions to offer, buy, settle and rate; the catalogue, orders and reputation; and delivery,
 * where every call is signed by the buyer and every reading is decrypted and checked against its
 * device's signature (streams) or the ledger's proofs (bundles) before the caller sees it.
 *
 * <p>Use policy is checked on the client first: {@link #checkUse} refuses a purpose the license
 * does not name, and every delivery call runs it, so data is not even asked for a use the license
 * does not allow. The license terms are remembered after the first look, so the refusal holds
 * without the node. Refusals of the node are {@link MsecException}s with the node's code. One
 * client may serve many accounts and threads.
 *
 * <pre>{@code
 * MarketClient market = new MarketClient(URI.create("http://127.0.0.1:8080"));
 * String order = market.buy(buyer, offerId, "research", "GB", recipientKey, 10);
 * }</pre>
 */
public final class MarketClient {
  private static final Logger LOG = LoggerFactory.getLogger(MarketClient.class);
  private static final String MARKET = "/api/v1/market";

  private final NodeHttp http;
  private final Transactions ledger;
  private final DeviceKeys deviceKeys;
  private final Clock clock;
  private final Map<String, LicenseTerms> licenses = new ConcurrentHashMap<>();
  private volatile DidKey sequencer;

  /** A client of the node at {@code node}, e.g. {@code http://127.0.0.1:8080}. */
  public MarketClient(URI node) {
    this(
        node,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        Clock.systemUTC());
  }

  /** A client with its own HTTP client and the clock that times the access headers. */
  public MarketClient(URI node, HttpClient http, Clock clock) {
    this.http = new NodeHttp(node, http);
    this.ledger = new Transactions(this.http);
    this.deviceKeys = new DeviceKeys(this.http);
    this.clock = clock;
  }

  /**
   * Checks bundles against {@code key} rather than the sequencer key the node names, so that a
   * buyer who pinned the node's key trusts nothing the node says about itself.
   */
  public MarketClient pinSequencer(DidKey key) {
    this.sequencer = key;
    return this;
  }

  // Ledger plumbing.

  /** The nonce {@code account}'s next transaction carries. */
  public long nextNonce(DidKey account) {
    return ledger.nextNonce(account);
  }

  /**
   * Signs {@code op} with {@code signer}'s next nonce and submits it; returns once its block is
   * durable.
   *
   * @return the receipt, {@code {"tx","height","index","block","time"}}
   * @throws MsecException with the node's code, e.g. {@code insufficient-funds}
   */
  public JsonNode submit(Identity signer, Operation op) {
    return ledger.submit(signer, op);
  }

  /** The tokens {@code account} holds. */
  public long balance(DidKey account) {
    return ledger.balance(account);
  }

  // Twins.

  /**
   * Signs and sends {@code command} = {@code value} for the twin of {@code device} ({@code POST
   * /api/v1/twins/{did}/commands}, docs/twins.md). The device's own key or its owner may command
   * it; the node keeps the command durably before it answers.
   *
   * @param at the command's time: a twin's latest command of a name is the one with the latest time
   * @return the command as the node kept it, with its {@code id}
   * @throws MsecException with the node's code, e.g. {@code not-owner} or {@code clock-skew}
   */
  public JsonNode command(
      Identity signer, DidKey device, String command, String value, Instant at, String reason) {
    ObjectNode payload = io.msec.core.Json.mapper().createObjectNode();
    payload.put("device", device.toString());
    payload.put("command", command);
    payload.put("value", value);
    payload.put("time", at.toString());
    payload.put("reason", reason);
    return http.post(
        "/api/v1/twins/" + NodeHttp.encode(device.toString()) + "/commands",
        Envelope.sign(signer, payload).toJson().toString());
  }

  // Provider.

  /**
   * Offers a product of the provider's devices; returns the offer id.
   *
   * @throws MsecException {@code resale-prohibited} if the provider bought a license on one of the
   *     product's devices whose policy prohibits distribution, or the node's code
   */
  public String offer(Identity provider, CreateOffer args) {
    refuseResale(provider.did(), args);
    String id = submit(provider, args).path("tx").asText();
    LOG.debug("offered offer={} kind={} price={}", id, args.product().kind().json(), args.price());
    return id;
  }

  /**
   * A license that prohibits distribution binds its buyer even if the buyer later owns the device
   * (the ledger lets devices change hands), so the SDK does not offer such data again.
   */
  private void refuseResale(DidKey provider, CreateOffer args) {
    for (JsonNode o : orders(provider)) {
      JsonNode license = o.path("license");
      if (!license.path("noResale").asBoolean()) {
        continue;
      }
      for (JsonNode d : license.path("product").path("devices")) {
        if (args.product().covers(DidKey.parse(d.asText()))) {
          throw new MsecException(
              "resale-prohibited",
              "order "
                  + o.path("order").asText()
                  + " licensed data of "
                  + d.asText()
                  + " to this account without the right to distribute it");
        }
      }
    }
  }

  /** Stops selling an offer; licenses sold stay valid. */
  public void withdraw(Identity provider, String offerId) {
    submit(provider, new WithdrawOffer(offerId));
  }

  /** Revokes the license of {@code order}, refunding the buyer if its escrow is still held. */
  public void revoke(Identity provider, String order, String reason) {
    submit(provider, new RevokeLicense(order, reason));
  }

  /** A provider's sales and what they earned, by escrow state. */
  public JsonNode earnings(DidKey provider) {
    return http.get(MARKET + "/earnings/" + provider, null);
  }

  // Buyer.

  /**
   * Offers matching {@code query} (parameters of {@code GET /api/v1/market/offers}: {@code q},
   * {@code property}, {@code bbox}, {@code from}, {@code to}, {@code maxPrice}, {@code kind},
   * {@code provider}, {@code device}, {@code all}), newest first, as DCAT datasets.
   */
  public ArrayNode search(Map<String, String> query) {
    JsonNode out = http.get(NodeHttp.query(MARKET + "/offers", query), null);
    if (!out.isArray()) {
      throw new MsecException("malformed-answer", "the catalogue is not a JSON array");
    }
    return (ArrayNode) out;
  }

  /** One offer as a DCAT dataset; {@code offer-not-found} if there is none. */
  public JsonNode offer(String id) {
    return http.get(MARKET + "/offers/" + NodeHttp.encode(id), null);
  }

  /**
   * Buys one unit of an offer, paying at most {@code maxPrice}; returns the order id.
   *
   * @param region the region of use, or null when the policy names none
   * @param key the buyer's recipient key: grants and bundles are encrypted to its public half
   * @throws MsecException the node's code, e.g. {@code purpose-not-allowed}, {@code price-changed}
   *     or {@code insufficient-funds}
   */
  public String buy(
      Identity buyer,
      String offerId,
      String purpose,
      String region,
      RecipientKey key,
      long maxPrice) {
    Buy op = new Buy(offerId, purpose, region, key.publicKey(), maxPrice);
    String order = submit(buyer, op).path("tx").asText();
    licenses.put(order, LicenseTerms.bought(order, purpose));
    try {
      order(order);
    } catch (MsecException e) {
      LOG.debug("license not read after purchase order={} code={}", order, e.code());
    }
    LOG.debug("bought order={} offer={} purpose={}", order, offerId, purpose);
    return order;
  }

  /**
   * Buys within {@code budget}: pays the offer's current price and no more, and only if the budget
   * allows it; the spend is recorded in the budget.
   *
   * @throws MsecException {@code over-budget} before anything is signed, or the node's code
   */
  public String buy(
      Identity buyer,
      String offerId,
      String purpose,
      String region,
      RecipientKey key,
      Budget budget) {
    JsonNode price = offer(offerId).path("msec:price");
    if (!price.canConvertToLong()) {
      throw new MsecException("malformed-answer", "offer " + offerId + " names no price");
    }
    budget.reserve(price.longValue());
    String order;
    try {
      order = buy(buyer, offerId, purpose, region, key, price.longValue());
    } catch (RuntimeException e) {
      budget.release(price.longValue());
      throw e;
    }
    budget.record(order, price.longValue());
    return order;
  }

  /** One order: escrow, license, rating and delivery; {@code order-not-found} if none. */
  public JsonNode order(String id) {
    JsonNode o = http.get(MARKET + "/orders/" + NodeHttp.encode(id), null);
    licenses.put(id, LicenseTerms.of(o));
    return o;
  }

  /** The orders of {@code buyer}, with escrow and license state. */
  public ArrayNode orders(DidKey buyer) {
    return orders(Map.of("buyer", buyer.toString()));
  }

  /** The orders of {@code provider}'s offers, with escrow and license state. */
  public ArrayNode ordersOfProvider(DidKey provider) {
    return orders(Map.of("provider", provider.toString()));
  }

  private ArrayNode orders(Map<String, String> filter) {
    JsonNode out = http.get(NodeHttp.query(MARKET + "/orders", filter), null);
    if (!out.isArray()) {
      throw new MsecException("malformed-answer", "the orders are not a JSON array");
    }
    for (JsonNode o : out) {
      licenses.put(o.path("order").asText(), LicenseTerms.of(o));
    }
    return (ArrayNode) out;
  }

  /** Acknowledges delivery: the escrow of {@code order} goes to the provider. */
  public void settle(Identity buyer, String order) {
    submit(buyer, new Settle(order));
  }

  /** Rates a settled order, once; {@code comment} may be null. */
  public void rate(Identity buyer, String order, int score, String comment) {
    submit(buyer, new Rate(order, score, comment));
  }

  /** Providers ranked, with the inputs of each score. */
  public JsonNode reputation() {
    return http.get(MARKET + "/reputation", null);
  }

  // Use policy and delivery.

  /**
   * Refuses to use the data of {@code order} for {@code purpose} unless its license allows it: the
   * purpose is the license's, and the license is neither revoked nor expired. Asks the node only
   * the first time a license is checked.
   *
   * @throws MsecException {@code purpose-not-allowed}, {@code license-revoked}, {@code
   *     license-expired}, or the node's code if the order cannot be read
   */
  public void checkUse(String order, String purpose) {
    LicenseTerms known = licenses.get(order);
    if (known != null) {
      // What is remembered may already refuse, without asking the node.
      known.checkUse(purpose, clock.millis());
    }
    terms(order).checkUse(purpose, clock.millis());
  }

  /** The grants of a stream license so far, after {@link #checkUse}. */
  public List<Grant> grants(Identity buyer, String order, String purpose) {
    checkUse(order, purpose);
    JsonNode out = http.get(delivery(order, "grants", purpose), auth(buyer, order, purpose));
    List<Grant> grants = new ArrayList<>();
    for (JsonNode g : out) {
      grants.add(Grant.fromJson(g));
    }
    return grants;
  }

  /**
   * Opens the stream of a license, after {@link #checkUse}: {@code onReading} gets every reading
   * that decrypts with the buyer's grants and carries its device's signature, on the subscription's
   * own thread. Returns once the node has accepted the call.
   *
   * @throws MsecException the node's code if it refuses access, e.g. {@code license-expired}
   */
  public Subscription subscribe(
      Identity buyer,
      String order,
      String purpose,
      RecipientKey key,
      Consumer<VerifiedReading> onReading) {
    checkUse(order, purpose);
    StreamReader reader =
        new StreamReader(terms(order), key, deviceKeys, () -> grants(buyer, order, purpose));
    InputStream body = http.open(delivery(order, "stream", purpose), auth(buyer, order, purpose));
    return Subscription.start(order, body, reader, onReading, clock);
  }

  /**
   * Downloads, opens and checks the bundle of a history or dataset license, after {@link
   * #checkUse}. Settling the order is left to the caller.
   *
   * @throws MsecException {@code bad-bundle} naming the first reading or part that failed, {@code
   *     bad-ciphertext} if it was not sealed to {@code key}, or the node's code
   */
  public BundleResult fetchBundle(Identity buyer, String order, String purpose, RecipientKey key) {
    checkUse(order, purpose);
    byte[] sealed = http.bytes(delivery(order, "bundle", purpose), auth(buyer, order, purpose));
    ObjectNode bundle = Bundles.open(sealed, key, order);
    BundleReport report = BundleCheck.check(bundle, sequencer());
    if (!report.valid()) {
      BundleReport.Failure f = report.failure();
      throw new MsecException(
          "bad-bundle",
          "the bundle of order "
              + order
              + " fails at "
              + (f.index() < 0 ? "its license" : "reading " + f.index())
              + ": "
              + f.reason()
              + ": "
              + f.message());
    }
    List<Reading> readings = new ArrayList<>(report.total());
    for (JsonNode item : bundle.get("readings")) {
      readings.add(Reading.fromJson(item.get("envelope").get("payload")));
    }
    LOG.debug("bundle verified order={} readings={}", order, readings.size());
    return new BundleResult(order, readings, bundle);
  }

  /** The key that signs the node's blocks: pinned, or as the node's head names it. */
  public DidKey sequencer() {
    DidKey known = sequencer;
    if (known == null) {
      JsonNode head = http.get("/api/v1/ledger/head", null);
      if (!head.path("sequencer").isTextual()) {
        throw new MsecException("malformed-answer", "the node's head names no sequencer");
      }
      // Limitation: unless pinned, the sequencer key is the one the node names, so a node that
      // lies about its own key can pass off proofs of its own making.
      known = DidKey.parse(head.get("sequencer").asText());
      sequencer = known;
    }
    return known;
  }

  private LicenseTerms terms(String order) {
    LicenseTerms known = licenses.get(order);
    if (known == null || known.kind() == null) {
      try {
        order(order);
      } catch (MsecException e) {
        if (known == null) {
          throw e;
        }
      }
    }
    return licenses.get(order);
  }

  private String auth(Identity buyer, String order, String purpose) {
    return AccessToken.header(buyer, order, purpose, clock.millis());
  }

  private static String delivery(String order, String what, String purpose) {
    return NodeHttp.query(
        MARKET + "/licenses/" + NodeHttp.encode(order) + "/" + what, Map.of("purpose", purpose));
  }
}
