package io.msec.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.ledger.RegisterDevice;
import io.msec.ledger.RevokeDevice;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may offer what, and who may withdraw it. */
class OfferRulesTest {
  @TempDir Path dir;
  MarketFixture f;

  @BeforeEach
  void setUp() {
    f = new MarketFixture(dir).seeded();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void storesOfferUnderItsTransactionIdWithNothingSold() {
    String id = f.offered(f.history(), 25, 3);

    Offer offer = f.market.offer(id).orElseThrow();
    assertThat(offer.id()).isEqualTo(id);
    assertThat(offer.provider()).isEqualTo(f.alice.did());
    assertThat(offer.price()).isEqualTo(25);
    assertThat(offer.units()).isEqualTo(3);
    assertThat(offer.sold()).isZero();
    assertThat(offer.createdMillis()).isEqualTo(f.clock.millis());
    assertThat(offer.policy().noResale()).isTrue();
    assertThat(offer.availableAt(f.clock.millis())).isTrue();
    assertThat(f.market.offers()).containsExactly(offer);
    assertThat(f.ledger.state().get(Offer.key(id))).contains(offer);
  }

  @Test
  void offersDatasetOfSeveralOwnedDevices() {
    Product dataset =
        Product.dataset(
            List.of(f.sensor.did(), f.otherSensor.did()), f.history().from(), f.history().to());

    String id = f.offered(dataset, 0, 0);

    assertThat(f.market.offer(id).orElseThrow().product()).isEqualTo(dataset);
  }

  @Test
  void refusesOfferOfAnotherOwnersDevice() {
    f.assertRefused(f.bob, f.offer(f.history(), 10, 1), MarketCodes.NOT_OWNER);
  }

  @Test
  void refusesDatasetWithOneDeviceOwnedByAnother() {
    f.commit(f.bob, new RegisterDevice(f.carol.did(), "co2-sensor", "", null, f.schema()));
    Product mixed =
        Product.dataset(
            List.of(f.sensor.did(), f.carol.did()), f.history().from(), f.history().to());

    f.assertRefused(f.alice, f.offer(mixed, 10, 1), MarketCodes.NOT_OWNER);
  }

  @Test
  void refusesOfferOfUnknownDevice() {
    Product p = Product.stream(f.carol.did(), java.time.Duration.ofDays(7));

    f.assertRefused(f.alice, f.offer(p, 10, 1), MarketCodes.UNKNOWN_DEVICE);
  }

  @Test
  void refusesOfferOfRevokedDevice() {
    f.commit(f.alice, new RevokeDevice(f.sensor.did()));

    f.assertRefused(f.alice, f.offer(f.history(), 10, 1), MarketCodes.DEVICE_REVOKED);
  }

  @Test
  void refusesOfferThatExpiresBeforeItIsRecorded() {
    CreateOffer o = f.offer(f.history(), 10, 1);
    CreateOffer expired =
        new CreateOffer(
            o.product(),
            o.price(),
            o.units(),
            f.clock.millis(),
            o.deliveryWindowMillis(),
            o.policy(),
            o.title(),
            o.description(),
            o.keywords());

    f.assertRefused(f.alice, expired, MarketCodes.MALFORMED_TRANSACTION);
  }

  @Test
  void providerWithdrawsOfferOnce() {
    String id = f.offered(f.history(), 10, 1);

    f.commit(f.alice, new WithdrawOffer(id));

    assertThat(f.market.offer(id).orElseThrow().withdrawn()).isTrue();
    assertThat(f.market.offer(id).orElseThrow().availableAt(f.clock.millis())).isFalse();
    f.assertRefused(f.alice, new WithdrawOffer(id), MarketCodes.OFFER_WITHDRAWN);
  }

  @Test
  void refusesWithdrawalByAnotherAccount() {
    String id = f.offered(f.history(), 10, 1);

    f.assertRefused(f.bob, new WithdrawOffer(id), MarketCodes.NOT_PROVIDER);
  }

  @Test
  void refusesWithdrawalOfUnknownOffer() {
    f.assertRefused(f.alice, new WithdrawOffer("ab".repeat(32)), MarketCodes.OFFER_NOT_FOUND);
  }

  @Test
  void withdrawalKeepsLicensesAlreadySold() {
    String id = f.offered(f.history(), 10, 0);
    String order = f.bought(f.bob, id);

    f.commit(f.alice, new WithdrawOffer(id));

    assertThat(f.market.order(order).orElseThrow().license().validAt(f.clock.millis())).isTrue();
  }
}
