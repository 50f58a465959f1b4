package io.msec.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Identity;
import io.msec.core.Json;
import io.msec.ledger.Args;
import io.msec.ledger.FakeClock;
import io.msec.ledger.Ledger;
import io.msec.ledger.LedgerConfig;
import io.msec.ledger.LedgerException;
import io.msec.ledger.Mint;
import io.msec.ledger.Operation;
import io.msec.ledger.Receipt;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.SignedHead;
import io.msec.ledger.Transaction;
import io.msec.ledger.TransactionBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A ledger with the market's operations in a temporary directory: fixed keys, a fake clock, one
 * block per transaction. Alice owns two devices and offers; Bob and Carol buy.
 */
class MarketFixture implements AutoCloseable {
  static final LedgerConfig ONE_PER_BLOCK = new LedgerConfig(1, 1, 2);
  static final long START = 1_764_860_000_000L;
  static final long FUNDS = 1_000;

  final Path dir;
  final LedgerConfig config;
  final Identity sequencer = seeded(1);
  final Identity treasury = seeded(2);
  final Identity alice = seeded(3);
  final Identity bob = seeded(4);
  final Identity carol = seeded(5);
  final Identity sensor = seeded(11);
  final Identity otherSensor = seeded(12);
  final String recipient = Args.base64(new byte[32]);
  final FakeClock clock = new FakeClock(START);
  Ledger ledger;
  Market market;

  MarketFixture(Path dir) {
    this(dir, ONE_PER_BLOCK);
  }

  MarketFixture(Path dir, LedgerConfig config) {
    this.dir = dir;
    this.config = config;
    open();
  }

  private void open() {
    ledger =
        Ledger.open(dir, sequencer, treasury.did(), clock, config, MarketOperations.registry());
    market = new Market(ledger);
  }

  void reopen() {
    ledger.close();
    open();
  }

  /** Funds Alice, Bob and Carol and registers Alice's two devices. */
  MarketFixture seeded() {
    for (Identity who : List.of(alice, bob, carol)) {
      commit(treasury, new Mint(who.did(), FUNDS));
    }
    commit(alice, new RegisterDevice(sensor.did(), "co2-sensor", "", null, schema()));
    commit(alice, new RegisterDevice(otherSensor.did(), "co2-sensor", "", null, schema()));
    return this;
  }

  static Identity seeded(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 9;
    return Identity.fromSeed(seed);
  }

  static ObjectNode schema() {
    ObjectNode s = Json.mapper().createObjectNode();
    s.putObject("co2").put("unit", "[ppm]").put("min", 0).put("max", 10000);
    return s;
  }

  Product history() {
    return Product.history(
        sensor.did(), Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
  }

  /** An offer of {@code product} for research in GB or JP. */
  CreateOffer offer(Product product, long price, long units) {
    return new CreateOffer(
        product,
        price,
        units,
        0,
        3_600_000,
        new UsagePolicy(
            java.util.Set.of("research", "ventilation-control"),
            Duration.ofDays(30),
            java.util.Set.of("GB", "JP"),
            true,
            "Aberdeen citizen sensors, ODbL"),
        "CO2 in room 413",
        "hourly CO2 readings",
        List.of("co2", "indoor"));
  }

  /** Alice offers {@code product}; returns the offer id. */
  String offered(Product product, long price, long units) {
    return commit(alice, offer(product, price, units)).txId();
  }

  Buy buy(String offer, long maxPrice) {
    return new Buy(offer, "research", "GB", recipient, maxPrice);
  }

  /** {@code buyer} buys one unit of {@code offer}; returns the order id. */
  String bought(Identity buyer, String offer) {
    long price = market.offer(offer).orElseThrow().price();
    return commit(buyer, buy(offer, price)).txId();
  }

  Transaction tx(Identity account, Operation op) {
    return TransactionBuilder.sign(account, ledger.nextNonce(account.did()), op);
  }

  Receipt commit(Identity account, Operation op) {
    return await(ledger.submit(tx(account, op)));
  }

  /** Submits {@code txs} at once and waits until each is committed. */
  void commitTogether(Transaction... txs) {
    List<CompletableFuture<Receipt>> pending = new java.util.ArrayList<>();
    for (Transaction tx : txs) {
      pending.add(ledger.submit(tx));
    }
    pending.forEach(MarketFixture::await);
  }

  long balance(Identity who) {
    return ledger.balance(who.did());
  }

  /**
   * Submits {@code op} signed by {@code account}, expects refusal {@code code}, and checks that the
   * chain, the state root and the market's state did not change.
   */
  void assertRefused(Identity account, Operation op, String code) {
    Transaction tx = tx(account, op);
    SignedHead before = ledger.head();
    List<Offer> offers = market.offers();
    List<Order> orders = market.orders();

    assertThatThrownBy(() -> await(ledger.submit(tx)))
        .isInstanceOf(LedgerException.class)
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(code);

    SignedHead after = ledger.head();
    assertThat(after.size()).isEqualTo(before.size());
    assertThat(Arrays.equals(after.stateRoot(), before.stateRoot())).isTrue();
    assertThat(market.offers()).isEqualTo(offers);
    assertThat(market.orders()).isEqualTo(orders);
    assertThat(ledger.receipt(tx.idHex())).isEmpty();
    MarketAssertions.assertSupplyHolds(ledger);
  }

  static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    ledger.close();
  }
}
