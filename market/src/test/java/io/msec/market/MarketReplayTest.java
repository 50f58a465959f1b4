package io.msec.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.ledger.Ledger;
import io.msec.ledger.VerifyProgress;
import io.msec.ledger.VerifyReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Market state is rebuilt from the stored chain alone, and the chain verifies. */
class MarketReplayTest {
  @TempDir Path dir;

  /** Runs every market operation once and returns what the market shows. */
  private static List<Object> everyOperation(MarketFixture f) {
    String history = f.offered(f.history(), 40, 0);
    String stream = f.offered(Product.stream(f.sensor.did(), Duration.ofDays(1)), 5, 0);
    String settled = f.bought(f.bob, history);
    f.commit(f.bob, new Settle(settled));
    f.commit(f.bob, new Rate(settled, 5, "all readings, all proofs"));
    String refunded = f.bought(f.carol, history);
    f.commit(f.sequencer, new Refund(refunded, "delivery-timeout"));
    String revoked = f.bought(f.carol, stream);
    f.commit(f.alice, new RevokeLicense(revoked, "misuse"));
    f.bought(f.bob, stream);
    f.commit(f.alice, new WithdrawOffer(stream));
    return List.of(f.market.offers(), f.market.orders(), f.market.ratings(), f.market.escrowHeld());
  }

  @Test
  void reopeningReplaysToTheSameStateRootAndMarket() {
    try (MarketFixture f = new MarketFixture(dir).seeded()) {
      List<Object> shown = everyOperation(f);
      byte[] root = f.ledger.head().stateRoot();
      long height = f.ledger.height();

      f.reopen();

      assertThat(f.ledger.height()).isEqualTo(height);
      assertThat(f.ledger.head().stateRoot()).isEqualTo(root);
      assertThat(
              List.of(
                  f.market.offers(), f.market.orders(), f.market.ratings(), f.market.escrowHeld()))
          .isEqualTo(shown);
      assertThat(f.market.escrowHeld()).isEqualTo(5);
      MarketAssertions.assertSupplyHolds(f.ledger);
    }
  }

  @Test
  void chainVerifiesWithTheMarketsOperationsOnly() {
    try (MarketFixture f = new MarketFixture(dir).seeded()) {
      everyOperation(f);
    }

    VerifyReport withMarket =
        Ledger.verifyChain(dir, MarketOperations.registry(), VerifyProgress.NONE);
    VerifyReport standard = Ledger.verifyChain(dir, VerifyProgress.NONE);

    assertThat(withMarket.valid()).as(withMarket.reason()).isTrue();
    assertThat(withMarket.tornTailBytes()).isZero();
    assertThat(standard.valid()).isFalse();
  }

  @Test
  void openExistingWithTheMarketsOperationsReadsTheMarket() {
    List<Object> shown;
    MarketFixture f = new MarketFixture(dir).seeded();
    try (f) {
      shown = everyOperation(f);
    }

    try (Ledger reader =
        Ledger.openExisting(dir, f.sequencer, f.clock, MarketOperations.registry())) {
      Market market = new Market(reader);
      assertThat(List.of(market.offers(), market.orders(), market.ratings(), market.escrowHeld()))
          .isEqualTo(shown);
    }
  }
}
