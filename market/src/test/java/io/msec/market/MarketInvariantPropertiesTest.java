package io.msec.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.core.Identity;
import io.msec.ledger.Ledger;
import io.msec.ledger.LedgerException;
import io.msec.ledger.Mint;
import io.msec.ledger.Operation;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.Transfer;
import io.msec.ledger.VerifyProgress;
import io.msec.ledger.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random runs of market operations, transfers, mints and clock jumps by providers, buyers, a
 * stranger and the node keep, after every block: balances plus escrow total equal the supply, no
 * negative balance, no offer sold beyond its units, each offer's sold count equal to its orders not
 * refunded. Reopening the ledger replays to the same state root, and the chain verifies with the
 * market's operations.
 */
class MarketInvariantPropertiesTest {
  static final String UNKNOWN = "0f".repeat(32);
  static final Identity BOBS_SENSOR = MarketFixture.seeded(13);

  /** One random action; the ints pick the actor, the target and the offer or order. */
  record Step(int kind, int actor, int target, long amount, int pick) {}

  @Provide
  Arbitrary<List<Step>> runs() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.frequency(
                    Tuple.of(1, 0),
                    Tuple.of(1, 1),
                    Tuple.of(5, 2),
                    Tuple.of(4, 3),
                    Tuple.of(2, 4),
                    Tuple.of(1, 5),
                    Tuple.of(2, 6),
                    Tuple.of(1, 7),
                    Tuple.of(1, 8),
                    Tuple.of(1, 9)),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(0, 500),
                Arbitraries.integers().between(0, 1000))
            .as(Step::new);
    return step.list().ofMinSize(5).ofMaxSize(40);
  }

  @Property(tries = 25)
  void invariantsHoldAfterEveryBlockAndReplay(@ForAll("runs") List<Step> run) throws IOException {
    Path dir = Files.createTempDirectory("msec-market-prop");
    try (MarketFixture f = new MarketFixture(dir).seeded()) {
      f.commit(f.bob, new RegisterDevice(BOBS_SENSOR.did(), "co2-sensor", "", null, f.schema()));
      f.offered(f.history(), 30, 2);
      f.offered(Product.stream(f.sensor.did(), Duration.ofHours(30)), 15, 0);
      f.commit(f.bob, f.offer(Product.stream(BOBS_SENSOR.did(), Duration.ofHours(2)), 0, 1));
      Identity[] actors = {f.alice, f.bob, f.carol, f.sequencer};
      for (Step s : run) {
        try {
          apply(f, actors, s);
        } catch (LedgerException refused) {
          // Refusals are part of the run; a fault while applying is not.
          assertThat(refused.code()).isNotEqualTo(LedgerException.UNAVAILABLE);
        }
        assertInvariants(f.ledger);
      }

      byte[] root = f.ledger.head().stateRoot();
      f.reopen();
      assertThat(f.ledger.head().stateRoot()).isEqualTo(root);
      assertInvariants(f.ledger);
      VerifyReport report =
          Ledger.verifyChain(dir, MarketOperations.registry(), VerifyProgress.NONE);
      assertThat(report.valid()).as(report.reason()).isTrue();
    } finally {
      delete(dir);
    }
  }

  private static void apply(MarketFixture f, Identity[] actors, Step s) {
    Identity actor = actors[s.actor()];
    Identity target = actors[s.target()];
    switch (s.kind()) {
      case 0 -> f.commit(actor, offer(f, actor, s));
      case 1 -> f.commit(actor, new WithdrawOffer(offer(f, s)));
      case 2 -> f.commit(actor, f.buy(offer(f, s), s.amount()));
      case 3 -> f.commit(actor, new Settle(order(f, s)));
      case 4 -> f.commit(actor, new Refund(order(f, s), "delivery-timeout"));
      case 5 -> f.commit(actor, new RevokeLicense(order(f, s), "misuse"));
      case 6 -> f.commit(actor, new Rate(order(f, s), s.target() + 1, ""));
      case 7 -> f.commit(actor, new Transfer(target.did(), s.amount() % 200 + 1));
      case 8 -> f.clock.advance(Duration.ofHours(s.amount() % 200).toMillis());
      default -> f.commit(f.treasury, new Mint(target.did(), s.amount() + 1));
    }
  }

  private static Operation offer(MarketFixture f, Identity actor, Step s) {
    // Alice owns sensor, Bob his own; Carol and the node own nothing and are refused.
    var device = actor == f.bob ? BOBS_SENSOR.did() : f.sensor.did();
    Product product =
        s.pick() % 2 == 0
            ? Product.stream(device, Duration.ofHours(1 + s.amount() % 48))
            : Product.history(device, f.history().from(), f.history().to());
    return f.offer(product, 1 + s.amount() % 60, s.target() % 3);
  }

  private static String offer(MarketFixture f, Step s) {
    List<Offer> offers = f.market.offers();
    return offers.isEmpty() ? UNKNOWN : offers.get(s.pick() % offers.size()).id();
  }

  private static String order(MarketFixture f, Step s) {
    List<Order> orders = f.market.orders();
    return orders.isEmpty() ? UNKNOWN : orders.get(s.pick() % orders.size()).id();
  }

  static void assertInvariants(Ledger ledger) {
    MarketAssertions.assertSupplyHolds(ledger);
    MarketAssertions.assertNothingNegativeOrOversold(ledger);
    Market market = new Market(ledger);
    for (Offer o : market.offers()) {
      long orders =
          market.orders().stream()
              .filter(x -> x.offer().equals(o.id()))
              .filter(x -> x.escrow().state() != io.msec.market.Escrow.State.REFUNDED)
              .count();
      assertThat(o.sold()).as("sold of %s", o.id()).isEqualTo(orders);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
