package io.msec.market.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.market.MarketCodes;
import io.msec.market.client.Budget;
import io.msec.market.client.MarketClient;
import io.msec.market.client.Subscription;
import io.msec.market.client.VerifiedReading;
import io.msec.market.crypto.RecipientKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ventilation agent of one room: a controller device that buys the room's CO2 stream on the
 * market and switches the room's ventilation through commands on its own twin (docs/market.md,
 * "Smart objects").
 *
 * <p>Each {@link #step} without an open stream subscribes again while its license is valid, and
 * otherwise searches the catalogue for a CO2 stream of its {@link Room} whose usage policy allows
 * its purpose, buys the cheapest that its {@link Budget} and its balance allow, and subscribes with
 * its recipient key; when none fits it buys nothing and says why ({@link #status()}, logged once
 * per reason). Every reading that {@link MarketClient} delivered decrypted and checked against its
 * device's signature is judged as it comes: above {@code thresholdPpm} it sends {@code
 * ventilation=on}, below {@code thresholdPpm - hysteresisPpm} {@code off}, each a command signed
 * with its own key. It assumes the ventilation off at start. A command the node refuses is logged
 * and sent again at the next reading that calls for it.
 *
 * <pre>{@code
 * VentilationAgent agent = new VentilationAgent(market, VentilationAgent.Config.of(controller,
 *     owner, new Budget(20, 100), Room.named("room 413")), key, Clock.systemUTC());
 * agent.step(Instant.now());
 * }</pre>
 */
public final class VentilationAgent implements SmartObject {
  private static final Logger LOG = LoggerFactory.getLogger(VentilationAgent.class);

  /** The command it sends on its twin. */
  public static final String COMMAND = "ventilation";

  /** The purpose it buys for unless told otherwise. */
  public static final String PURPOSE = "ventilation-control";

  /**
   * What the owner sets up. Immutable.
   *
   * @param controller the agent's own device key: it pays, signs its purchases and its commands
   * @param owner the account that registered the controller and funded it
   * @param budget the owner's caps on its spending
   * @param room the room whose CO2 it buys
   * @param thresholdPpm above this it switches the ventilation on (default 1000)
   * @param hysteresisPpm it switches off below {@code thresholdPpm - hysteresisPpm}
   * @param purpose the purpose it names when buying
   * @param region the region of use it names when buying, or null
   */
  public record Config(
      Identity controller,
      DidKey owner,
      Budget budget,
      Room room,
      double thresholdPpm,
      double hysteresisPpm,
      String purpose,
      String region) {
    public Config {
      Objects.requireNonNull(controller, "controller");
      Objects.requireNonNull(owner, "owner");
      Objects.requireNonNull(budget, "budget");
      Objects.requireNonNull(room, "room");
      Objects.requireNonNull(purpose, "purpose");
      if (!(hysteresisPpm >= 0) || !(thresholdPpm > hysteresisPpm)) {
        throw new IllegalArgumentException("a threshold is above its hysteresis, which is >= 0");
      }
    }

    /** A threshold of 1000 ppm with 100 ppm of hysteresis, for {@link #PURPOSE}, any region. */
    public static Config of(Identity controller, DidKey owner, Budget budget, Room room) {
      return new Config(controller, owner, budget, room, 1000, 100, PURPOSE, null);
    }

    public Config withThreshold(double threshold, double hysteresis) {
      return new Config(controller, owner, budget, room, threshold, hysteresis, purpose, region);
    }
  }

  /**
   * A command the agent sent and the node kept. Immutable.
   *
   * @param value {@code on} or {@code off}
   * @param ppm the CO2 that called for it
   * @param device the CO2 sensor that measured it
   * @param seq the sequence number of that reading
   * @param observedAt when it was measured
   * @param at the command's time
   * @param id the command's id on the node
   */
  public record Switch(
      String value,
      double ppm,
      DidKey device,
      long seq,
      Instant observedAt,
      Instant at,
      String id) {}

  private final MarketClient market;
  private final Config config;
  private final RecipientKey key;
  private final Clock clock;
  private final List<Switch> switches = new ArrayList<>();
  private volatile String order;
  private volatile Subscription subscription;
  private volatile String status = "not started";
  private volatile boolean closed;
  private boolean on;
  private long readings;
  private Instant lastCommandAt = Instant.EPOCH;

  /**
   * @param key the recipient key its grants are encrypted to; it keeps it for its licenses
   * @param clock the time of its commands
   */
  public VentilationAgent(MarketClient market, Config config, RecipientKey key, Clock clock) {
    this.market = market;
    this.config = config;
    this.key = key;
    this.clock = clock;
  }

  @Override
  public DidKey id() {
    return config.controller().did();
  }

  @Override
  public DidKey owner() {
    return config.owner();
  }

  @Override
  public Budget budget() {
    return config.budget();
  }

  @Override
  public String status() {
    return status;
  }

  /** The order of its current license, or null before it bought one. */
  public String order() {
    return order;
  }

  /** The commands it sent, oldest first. */
  public synchronized List<Switch> switches() {
    return List.copyOf(switches);
  }

  /** How many verified CO2 readings it judged. */
  public synchronized long readings() {
    return readings;
  }

  /** How many deliveries its current stream refused (did not decrypt or verify). */
  public long refused() {
    Subscription open = subscription;
    return open == null ? 0 : open.failures();
  }

  /** Whether it last switched the ventilation on. */
  public synchronized boolean ventilating() {
    return on;
  }

  /** Whether its stream is open and it holds a content key to read it. */
  public boolean receiving() {
    Subscription open = subscription;
    return open != null && open.isOpen() && open.grants() > 0;
  }

  @Override
  public void step(Instant now) {
    if (closed) {
      return;
    }
    Subscription open = subscription;
    if (open != null && open.isOpen()) {
      return;
    }
    if (open != null) {
      LOG.info("stream ended object={} order={}", id(), order);
      subscription = null;
    }
    try {
      if (order == null) {
        buy();
      }
      if (order != null) {
        // The client checks the license first: an expired or revoked one is refused here.
        subscription =
            market.subscribe(config.controller(), order, config.purpose(), key, this::on);
        status("listening to order " + order);
      }
    } catch (MsecException e) {
      if (order != null && licenseOver(e.code())) {
        status("license of order " + order + " over (" + e.code() + "), buying again");
        order = null;
      } else {
        status("waiting: " + e.code() + ": " + e.getMessage());
      }
    }
  }

  private static boolean licenseOver(String code) {
    return code.equals(MarketCodes.LICENSE_EXPIRED) || code.equals(MarketCodes.LICENSE_REVOKED);
  }

  private void buy() {
    Map<String, String> query = Map.of("property", "co2", "kind", "stream");
    OfferChoice choice =
        OfferChoice.pick(
            market.search(query),
            config.room(),
            config.purpose(),
            config.region(),
            config.budget(),
            market.balance(id()));
    if (choice.offer() == null) {
      status("bought nothing: " + choice.reason());
      return;
    }
    String offer = OfferChoice.id(choice.offer());
    order =
        market.buy(
            config.controller(), offer, config.purpose(), config.region(), key, config.budget());
    LOG.info(
        "bought room stream object={} offer={} order={} price={} spent={} of={}",
        id(),
        offer,
        order,
        OfferChoice.price(choice.offer()),
        config.budget().spent(),
        config.budget().maxTotal());
  }

  /** Sets the status, logging it when it changed, so a refusal repeated every step logs once. */
  private void status(String text) {
    if (!text.equals(status)) {
      LOG.info("smart object status object={} status=\"{}\"", id(), text);
    }
    status = text;
  }

  private void on(VerifiedReading delivered) {
    Reading r = delivered.reading();
    Reading.Quantity co2 = r.properties().get("co2");
    if (co2 == null || !"[ppm]".equals(co2.unit())) {
      LOG.debug("reading without CO2 in ppm object={} device={} seq={}", id(), r.device(), r.seq());
      return;
    }
    judge(r, co2.value());
  }

  private synchronized void judge(Reading r, double ppm) {
    readings++;
    String value = null;
    if (!on && ppm > config.thresholdPpm()) {
      value = "on";
    } else if (on && ppm < config.thresholdPpm() - config.hysteresisPpm()) {
      value = "off";
    }
    if (value == null) {
      return;
    }
    // Commands of one twin are ordered by their time: each is later than the last.
    Instant at = clock.instant();
    at = at.isAfter(lastCommandAt) ? at : lastCommandAt.plusMillis(1);
    String reason = reason(value, ppm, r);
    try {
      JsonNode kept = market.command(config.controller(), id(), COMMAND, value, at, reason);
      on = value.equals("on");
      lastCommandAt = at;
      switches.add(
          new Switch(
              value, ppm, r.device(), r.seq(), r.observedAt(), at, kept.path("id").asText()));
      LOG.info(
          "ventilation switched object={} value={} ppm={} sensor={} seq={}",
          id(),
          value,
          ppm,
          r.device(),
          r.seq());
    } catch (MsecException e) {
      LOG.warn("command refused object={} value={} reason={}", id(), value, e.code());
    }
  }

  private String reason(String value, double ppm, Reading r) {
    double limit =
        value.equals("on") ? config.thresholdPpm() : config.thresholdPpm() - config.hysteresisPpm();
    return String.format(
        Locale.ROOT,
        "CO2 %.0f ppm %s %.0f ppm (reading %d, observed %s)",
        ppm,
        value.equals("on") ? "above" : "below",
        limit,
        r.seq(),
        r.observedAt());
  }

  @Override
  public void close() {
    closed = true;
    Subscription open = subscription;
    subscription = null;
    if (open != null) {
      open.close();
    }
  }
}
