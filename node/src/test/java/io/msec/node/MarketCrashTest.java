package io.msec.node;

import static io.msec.node.TestDevices.post;
import static io.msec.node.TestDevices.reading;
import static io.msec.node.TestDevices.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.msec.core.Identity;
import io.msec.core.KeyFile;
import io.msec.market.Escrow;
import io.msec.market.Product;
import io.msec.market.Settle;
import io.msec.market.crypto.BundleCheck;
import io.msec.market.crypto.Bundles;
import io.msec.market.crypto.RecipientKey;
import io.msec.node.market.MarketService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the node with SIGKILL after two purchases are in escrow and before either is delivered,
 * restarts it on the same data, and finds each purchase either completed (delivered, checked,
 * settled) or refunded once its delivery window is over, with no token lost.
 */
class MarketCrashTest {
  @TempDir Path dir;

  @Test
  void aPurchaseInterruptedBetweenEscrowAndDeliveryCompletesOrIsRefundedAfterAKill9()
      throws Exception {
    int port = freePort();
    Process child = startChild(port);
    String api = "http://127.0.0.1:" + port + "/api/v1";
    Identity treasury = KeyFile.read(dir.resolve("node/keys/treasury.jwk"));
    Identity provider = Identity.generate();
    Identity buyer = Identity.generate();
    RecipientKey key = RecipientKey.generate();
    Identity device = Identity.generate();
    post(api + "/devices", TestDevices.bytes(TestDevices.registration(api, provider, device)));
    Instant t0 = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
    for (int seq = 1; seq <= 6; seq++) {
      post(
          api + "/readings",
          signed(device, reading(device, seq, t0.plusSeconds(seq * 60L), 700 + seq, "[ppm]")));
    }
    TestMarket.mint(api, treasury, buyer.did(), 100);
    Product window = Product.history(device.did(), t0, t0.plus(Duration.ofHours(1)));
    String patient = TestMarket.ok(api, provider, TestMarket.offer(window, 30, 0, 600));
    String hasty = TestMarket.ok(api, provider, TestMarket.offer(window, 25, 0, 2));
    String completes = TestMarket.ok(api, buyer, TestMarket.buy(patient, key, 30));
    String refunds = TestMarket.ok(api, buyer, TestMarket.buy(hasty, key, 25));

    child.destroyForcibly().waitFor();

    try (Node node =
        Node.start(
            NodeConfig.defaults(dir.resolve("node"))
                .withPorts(0, 0)
                .withMarket(new MarketService.Config(60_000, 200)),
            Clock.systemUTC())) {
      String again = node.httpUrl() + "/api/v1";
      HttpResponse<byte[]> bundle =
          TestMarket.delivery(again, buyer, completes, "bundle", "research");
      assertThat(bundle.statusCode()).isEqualTo(200);
      var opened = Bundles.open(bundle.body(), key, completes);
      assertThat(BundleCheck.check(opened, node.ledger().sequencerKey()).valid()).isTrue();
      assertThat(opened.get("readings")).hasSize(6);
      TestMarket.ok(again, buyer, new Settle(completes));

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  node.market().market().order(refunds).orElseThrow().escrow().state()
                      == Escrow.State.REFUNDED);
      assertThat(node.market().market().order(completes).orElseThrow().escrow().state())
          .isEqualTo(Escrow.State.SETTLED);
      assertThat(node.ledger().balance(buyer.did())).isEqualTo(70);
      assertThat(node.ledger().balance(provider.did())).isEqualTo(30);
      assertThat(node.market().market().escrowHeld()).isZero();
      long balances =
          node.ledger().entries("account/").stream()
              .mapToLong(e -> ((io.msec.ledger.Account) e).balance())
              .sum();
      assertThat(balances).isEqualTo(node.ledger().totalSupply());
    }
    int verified =
        new picocli.CommandLine(new io.msec.node.cli.MsecCommand())
            .execute("ledger", "verify", "--data-dir", dir.resolve("node/ledger").toString());
    assertThat(verified).as("msec ledger verify on a chain with market operations").isZero();
  }

  private Process startChild(int httpPort) throws Exception {
    return ChildNode.start(
        dir.resolve("node"), httpPort, ChildNode.freePort(), dir.resolve("node.log"));
  }

  private static int freePort() throws Exception {
    return ChildNode.freePort();
  }
}
