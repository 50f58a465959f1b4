package io.msec.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.core.Identity;
import io.msec.ledger.LedgerConfig;
import io.msec.ledger.LedgerException;
import io.msec.ledger.Mint;
import io.msec.ledger.Receipt;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.Transaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A purchase moves the price into escrow and writes the license, or changes nothing. */
class BuyRulesTest {
  @TempDir Path dir;
  MarketFixture f;

  @BeforeEach
  void setUp() {
    f = new MarketFixture(dir).seeded();
  }

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void buyMovesPriceIntoEscrowAndWritesLicense() {
    String offer = f.offered(f.history(), 40, 2);
    long now = f.clock.millis();

    String order = f.bought(f.bob, offer);

    assertThat(f.balance(f.bob)).isEqualTo(MarketFixture.FUNDS - 40);
    assertThat(f.balance(f.alice)).isEqualTo(MarketFixture.FUNDS);
    assertThat(f.market.escrowHeld()).isEqualTo(40);
    assertThat(f.market.offer(offer).orElseThrow().sold()).isEqualTo(1);
    Order o = f.market.order(order).orElseThrow();
    assertThat(o.id()).isEqualTo(order);
    assertThat(o.offer()).isEqualTo(offer);
    assertThat(o.escrow().state()).isEqualTo(Escrow.State.HELD);
    assertThat(o.escrow().amount()).isEqualTo(40);
    assertThat(o.escrow().deadlineMillis()).isEqualTo(now + 3_600_000);
    assertThat(o.license().buyer()).isEqualTo(f.bob.did());
    assertThat(o.license().provider()).isEqualTo(f.alice.did());
    assertThat(o.license().purpose()).isEqualTo("research");
    assertThat(o.license().region()).isEqualTo("GB");
    assertThat(o.license().recipient()).isEqualTo(f.recipient);
    assertThat(o.license().validFromMillis()).isEqualTo(now);
    assertThat(o.license().validUntilMillis()).isEqualTo(now + Duration.ofDays(30).toMillis());
    assertThat(o.license().noResale()).isTrue();
    assertThat(o.license().attribution()).isEqualTo("Aberdeen citizen sensors, ODbL");
    assertThat(o.rating()).isEmpty();
    assertThat(f.market.ordersOfBuyer(f.bob.did())).containsExactly(o);
    assertThat(f.market.ordersOfProvider(f.alice.did())).containsExactly(o);
    assertThat(f.market.ordersOfBuyer(f.alice.did())).isEmpty();
    assertThat(f.market.licensesOf(f.sensor.did())).containsExactly(o.license());
    assertThat(f.market.licensesOf(f.otherSensor.did())).isEmpty();
    MarketAssertions.assertSupplyHolds(f.ledger);
  }

  @Test
  void streamLicenseLastsThePeriodWhenShorterAndEscrowStaysHeldUntilItEnds() {
    String offer = f.offered(Product.stream(f.sensor.did(), Duration.ofDays(7)), 10, 0);
    long now = f.clock.millis();

    String order = f.bought(f.bob, offer);

    Order o = f.market.order(order).orElseThrow();
    long week = Duration.ofDays(7).toMillis();
    assertThat(o.license().validUntilMillis()).isEqualTo(now + week);
    assertThat(o.escrow().deadlineMillis()).isEqualTo(now + week);
  }

  @Test
  void streamLicenseLastsThePolicyValidityWhenShorter() {
    CreateOffer base = f.offer(Product.stream(f.sensor.did(), Duration.ofDays(90)), 10, 0);
    UsagePolicy policy =
        new UsagePolicy(Set.of("research"), Duration.ofDays(2), Set.of(), false, null);
    long now = f.clock.millis();
    String offer =
        f.commit(
                f.alice,
                new CreateOffer(base.product(), 10, 0, 0, 60_000, policy, "t", "", List.of()))
            .txId();

    String order = f.commit(f.bob, new Buy(offer, "research", null, f.recipient, 10)).txId();

    License l = f.market.order(order).orElseThrow().license();
    assertThat(l.validUntilMillis()).isEqualTo(now + Duration.ofDays(2).toMillis());
    assertThat(l.region()).isNull();
    assertThat(f.market.order(order).orElseThrow().escrow().deadlineMillis())
        .isEqualTo(now + Duration.ofDays(2).toMillis());
  }

  @Test
  void freeOfferHoldsAnEscrowOfZero() {
    String offer = f.offered(f.history(), 0, 1);

    String order = f.bought(f.bob, offer);

    assertThat(f.market.order(order).orElseThrow().escrow().amount()).isZero();
    assertThat(f.balance(f.bob)).isEqualTo(MarketFixture.FUNDS);
    MarketAssertions.assertSupplyHolds(f.ledger);
  }

  @Test
  void refusesUnknownOffer() {
    f.assertRefused(f.bob, f.buy("cd".repeat(32), 100), MarketCodes.OFFER_NOT_FOUND);
  }

  @Test
  void refusesWithdrawnOffer() {
    String offer = f.offered(f.history(), 10, 1);
    f.commit(f.alice, new WithdrawOffer(offer));

    f.assertRefused(f.bob, f.buy(offer, 10), MarketCodes.OFFER_WITHDRAWN);
  }

  @Test
  void refusesExpiredOffer() {
    CreateOffer o = f.offer(f.history(), 10, 1);
    long expires = f.clock.millis() + 60_000;
    String offer =
        f.commit(
                f.alice,
                new CreateOffer(
                    o.product(),
                    10,
                    1,
                    expires,
                    o.deliveryWindowMillis(),
                    o.policy(),
                    o.title(),
                    o.description(),
                    o.keywords()))
            .txId();
    f.clock.advance(60_000);

    assertThat(f.market.offer(offer).orElseThrow().availableAt(f.clock.millis())).isFalse();
    f.assertRefused(f.bob, f.buy(offer, 10), MarketCodes.OFFER_EXPIRED);
  }

  @Test
  void refusesSoldOutOffer() {
    String offer = f.offered(f.history(), 10, 1);
    f.bought(f.bob, offer);

    f.assertRefused(f.carol, f.buy(offer, 10), MarketCodes.SOLD_OUT);
  }

  @Test
  void refusesBuyingOnesOwnOffer() {
    String offer = f.offered(f.history(), 10, 1);

    f.assertRefused(f.alice, f.buy(offer, 10), MarketCodes.OWN_OFFER);
  }

  @Test
  void refusesForbiddenPurpose() {
    String offer = f.offered(f.history(), 10, 1);

    f.assertRefused(
        f.bob,
        new Buy(offer, "advertising", "GB", f.recipient, 10),
        MarketCodes.PURPOSE_NOT_ALLOWED);
  }

  @Test
  void refusesRegionOutsideThePolicyOrNoneWhenThePolicyNamesSome() {
    String offer = f.offered(f.history(), 10, 1);

    f.assertRefused(
        f.bob, new Buy(offer, "research", "FR", f.recipient, 10), MarketCodes.REGION_NOT_ALLOWED);
    f.assertRefused(
        f.bob, new Buy(offer, "research", null, f.recipient, 10), MarketCodes.REGION_NOT_ALLOWED);
  }

  @Test
  void refusesWhenPriceIsAboveTheBuyersMaximum() {
    String offer = f.offered(f.history(), 10, 1);

    f.assertRefused(f.bob, f.buy(offer, 9), MarketCodes.PRICE_CHANGED);
  }

  @Test
  void refusesBuyerWithoutEnoughTokens() {
    String offer = f.offered(f.history(), MarketFixture.FUNDS + 1, 1);

    f.assertRefused(f.bob, f.buy(offer, MarketFixture.FUNDS + 1), MarketCodes.INSUFFICIENT_FUNDS);
    assertThat(f.market.offer(offer).orElseThrow().sold()).isZero();
  }

  @Test
  void checksWithdrawnBeforeSoldOutAndOwnOfferBeforePurpose() {
    String offer = f.offered(f.history(), 10, 1);
    f.bought(f.bob, offer);
    f.commit(f.alice, new WithdrawOffer(offer));

    f.assertRefused(f.carol, f.buy(offer, 10), MarketCodes.OFFER_WITHDRAWN);

    String other = f.offered(f.history(), 10, 1);
    f.assertRefused(
        f.alice, new Buy(other, "advertising", "FR", f.recipient, 0), MarketCodes.OWN_OFFER);
  }

  @Test
  void twoBuyersRacingForTheLastUnitOneGetsItTheOtherSoldOut() {
    f.close();
    f = null;
    try (MarketFixture race =
        new MarketFixture(dir.resolve("race"), new LedgerConfig(3_600_000, 2, 2))) {
      setUpForRace(race);
      String offer = race.market.offers().get(0).id();
      long height = race.ledger.height();
      List<Transaction> txs = new ArrayList<>();
      for (Identity buyer : List.of(race.bob, race.carol)) {
        txs.add(race.tx(buyer, race.buy(offer, 10)));
      }

      List<CompletableFuture<Receipt>> results = new ArrayList<>();
      txs.forEach(tx -> results.add(race.ledger.submit(tx)));

      List<String> codes = new ArrayList<>();
      for (CompletableFuture<Receipt> r : results) {
        try {
          r.join();
          codes.add("ok");
        } catch (CompletionException e) {
          codes.add(((LedgerException) e.getCause()).code());
        }
      }
      assertThat(codes).containsExactlyInAnyOrder("ok", MarketCodes.SOLD_OUT);
      assertThat(race.ledger.height()).isEqualTo(height + 1);
      assertThat(race.market.offer(offer).orElseThrow().sold()).isEqualTo(1);
      assertThat(race.market.orders()).hasSize(1);
      assertThat(race.balance(race.bob) + race.balance(race.carol))
          .isEqualTo(2 * MarketFixture.FUNDS - 10);
      MarketAssertions.assertSupplyHolds(race.ledger);
    }
  }

  /** Funds and an offer of one unit, in pairs since the race's ledger cuts two per block. */
  private static void setUpForRace(MarketFixture race) {
    race.commitTogether(
        race.tx(race.treasury, new Mint(race.bob.did(), MarketFixture.FUNDS)),
        race.tx(
            race.alice,
            new RegisterDevice(race.sensor.did(), "co2-sensor", "", null, MarketFixture.schema())));
    race.commitTogether(
        race.tx(race.treasury, new Mint(race.carol.did(), MarketFixture.FUNDS)),
        race.tx(race.alice, race.offer(race.history(), 10, 1)));
  }
}
