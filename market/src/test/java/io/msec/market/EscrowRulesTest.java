package io.msec.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may settle, refund, revoke and rate an order, and where the tokens go. */
class EscrowRulesTest {
  static final long PRICE = 40;
  static final String NO_ORDER = "ef".repeat(32);

  @TempDir Path dir;
  MarketFixture f;
  String history;
  String stream;

  @BeforeEach
  void setUp() {
    f = new MarketFixture(dir).seeded();
    history = f.offered(f.history(), PRICE, 0);
    stream = f.offered(Product.stream(f.sensor.did(), Duration.ofDays(7)), PRICE, 0);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private Escrow escrow(String order) {
    return f.market.order(order).orElseThrow().escrow();
  }

  @Test
  void buyerSettlesAndTheProviderIsPaid() {
    String order = f.bought(f.bob, history);

    f.commit(f.bob, new Settle(order));

    assertThat(escrow(order).state()).isEqualTo(Escrow.State.SETTLED);
    assertThat(escrow(order).closedMillis()).isEqualTo(f.clock.millis());
    assertThat(f.balance(f.alice)).isEqualTo(MarketFixture.FUNDS + PRICE);
    assertThat(f.balance(f.bob)).isEqualTo(MarketFixture.FUNDS - PRICE);
    assertThat(f.market.escrowHeld()).isZero();
    MarketAssertions.assertSupplyHolds(f.ledger);
  }

  @Test
  void refusesSecondSettlementAndRefundOfSettledOrder() {
    String order = f.bought(f.bob, history);
    f.commit(f.bob, new Settle(order));

    f.assertRefused(f.bob, new Settle(order), MarketCodes.ESCROW_CLOSED);
    f.assertRefused(f.sequencer, new Refund(order, "late"), MarketCodes.ESCROW_CLOSED);
  }

  @Test
  void refusesSettlementOfUnknownOrder() {
    f.assertRefused(f.bob, new Settle(NO_ORDER), MarketCodes.ORDER_NOT_FOUND);
    f.assertRefused(f.sequencer, new Refund(NO_ORDER, "x"), MarketCodes.ORDER_NOT_FOUND);
    f.assertRefused(f.alice, new RevokeLicense(NO_ORDER, "x"), MarketCodes.ORDER_NOT_FOUND);
    f.assertRefused(f.bob, new Rate(NO_ORDER, 5, ""), MarketCodes.ORDER_NOT_FOUND);
  }

  @Test
  void refusesSettlementByProviderOrStranger() {
    String order = f.bought(f.bob, history);

    f.assertRefused(f.alice, new Settle(order), MarketCodes.NOT_ALLOWED);
    f.assertRefused(f.carol, new Settle(order), MarketCodes.NOT_ALLOWED);
  }

  @Test
  void nodeSettlesStreamOnlyOnceItsLicenseHasEnded() {
    String order = f.bought(f.bob, stream);
    long end = f.market.order(order).orElseThrow().license().validUntilMillis();
    f.clock.advance(end - f.clock.millis() - 1);

    f.assertRefused(f.sequencer, new Settle(order), MarketCodes.NOT_ALLOWED);

    f.clock.advance(1);
    f.commit(f.sequencer, new Settle(order));
    assertThat(escrow(order).state()).isEqualTo(Escrow.State.SETTLED);
    assertThat(f.balance(f.alice)).isEqualTo(MarketFixture.FUNDS + PRICE);
  }

  @Test
  void nodeSettlesHistoryOnlyOnceItsDeliveryDeadlineHasPassed() {
    String order = f.bought(f.bob, history);
    long deadline = escrow(order).deadlineMillis();
    f.clock.advance(deadline - f.clock.millis() - 1);

    f.assertRefused(f.sequencer, new Settle(order), MarketCodes.NOT_ALLOWED);

    f.clock.advance(1);
    f.commit(f.sequencer, new Settle(order));
    assertThat(escrow(order).state()).isEqualTo(Escrow.State.SETTLED);
    MarketAssertions.assertSupplyHolds(f.ledger);
  }

  @Test
  void aRefundEndsTheLicenseAndPutsTheUnitBackOnSale() {
    String order = f.bought(f.bob, history);
    String offer = f.market.order(order).orElseThrow().offer();
    long soldBefore = f.market.offer(offer).orElseThrow().sold();

    f.commit(f.sequencer, new Refund(order, "delivery-timeout"));

    License license = f.market.order(order).orElseThrow().license();
    assertThat(license.revoked()).isTrue();
    assertThat(license.validAt(f.clock.millis())).isFalse();
    assertThat(f.market.offer(offer).orElseThrow().sold()).isEqualTo(soldBefore - 1);
    MarketAssertions.assertSupplyHolds(f.ledger);
  }

  @Test
  void nodeRefundsHeldEscrowToTheBuyer() {
    String order = f.bought(f.bob, history);

    f.commit(f.sequencer, new Refund(order, "delivery-timeout"));

    assertThat(escrow(order).state()).isEqualTo(Escrow.State.REFUNDED);
    assertThat(escrow(order).reason()).isEqualTo("delivery-timeout");
    assertThat(f.balance(f.bob)).isEqualTo(MarketFixture.FUNDS);
    assertThat(f.balance(f.alice)).isEqualTo(MarketFixture.FUNDS);
    MarketAssertions.assertSupplyHolds(f.ledger);
  }

  @Test
  void providerMayRefundButBuyerAndStrangerMayNot() {
    String order = f.bought(f.bob, history);

    f.assertRefused(f.bob, new Refund(order, "changed my mind"), MarketCodes.NOT_ALLOWED);
    f.assertRefused(f.carol, new Refund(order, "x"), MarketCodes.NOT_ALLOWED);
    f.commit(f.alice, new Refund(order, "cannot deliver"));

    assertThat(f.balance(f.bob)).isEqualTo(MarketFixture.FUNDS);
    f.assertRefused(f.bob, new Settle(order), MarketCodes.ESCROW_CLOSED);
  }

  @Test
  void revokingHeldOrderRefundsTheBuyer() {
    String order = f.bought(f.bob, history);

    f.commit(f.alice, new RevokeLicense(order, "misuse"));

    Order o = f.market.order(order).orElseThrow();
    assertThat(o.license().revokedMillis()).isEqualTo(f.clock.millis());
    assertThat(o.license().validAt(f.clock.millis())).isFalse();
    assertThat(o.escrow().state()).isEqualTo(Escrow.State.REFUNDED);
    assertThat(o.escrow().reason()).isEqualTo("misuse");
    assertThat(f.balance(f.bob)).isEqualTo(MarketFixture.FUNDS);
    MarketAssertions.assertSupplyHolds(f.ledger);
  }

  @Test
  void revokingSettledOrderKeepsThePayment() {
    String order = f.bought(f.bob, history);
    f.commit(f.bob, new Settle(order));

    f.commit(f.sequencer, new RevokeLicense(order, "device compromised"));

    assertThat(f.market.order(order).orElseThrow().license().revoked()).isTrue();
    assertThat(escrow(order).state()).isEqualTo(Escrow.State.SETTLED);
    assertThat(f.balance(f.alice)).isEqualTo(MarketFixture.FUNDS + PRICE);
  }

  @Test
  void refusesRevocationByBuyerAndSecondRevocation() {
    String order = f.bought(f.bob, history);

    f.assertRefused(f.bob, new RevokeLicense(order, "x"), MarketCodes.NOT_ALLOWED);
    f.commit(f.alice, new RevokeLicense(order, "misuse"));
    f.assertRefused(f.sequencer, new RevokeLicense(order, "again"), MarketCodes.LICENSE_REVOKED);
  }

  @Test
  void buyerRatesSettledOrderOnceWithWhatTheyPaid() {
    String order = f.bought(f.bob, history);
    f.commit(f.bob, new Settle(order));

    f.commit(f.bob, new Rate(order, 4, "complete and on time"));

    Rating r = f.market.order(order).orElseThrow().rating().orElseThrow();
    assertThat(r.score()).isEqualTo(4);
    assertThat(r.paid()).isEqualTo(PRICE);
    assertThat(r.provider()).isEqualTo(f.alice.did());
    assertThat(r.comment()).isEqualTo("complete and on time");
    assertThat(f.market.ratings()).containsExactly(r);
    f.assertRefused(f.bob, new Rate(order, 1, ""), MarketCodes.ALREADY_RATED);
  }

  @Test
  void refusesRatingByOthersAndOfUnsettledOrders() {
    String order = f.bought(f.bob, history);

    f.assertRefused(f.bob, new Rate(order, 5, ""), MarketCodes.NOT_SETTLED);
    f.commit(f.sequencer, new Refund(order, "delivery-timeout"));
    f.assertRefused(f.bob, new Rate(order, 1, ""), MarketCodes.NOT_SETTLED);
    f.assertRefused(f.alice, new Rate(order, 5, ""), MarketCodes.NOT_BUYER);
  }
}
