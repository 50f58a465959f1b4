package io.msec.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.core.Identity;
import io.msec.market.crypto.RecipientKey;
import io.msec.node.market.MarketService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node stopped while clients hold event streams open ends each stream, and no sender is left
 * behind writing to a request the HTTP server has already recycled.
 */
class NodeStopStreamsTest {
  @TempDir Path dir;

  @Test
  void stoppingTheNodeEndsEveryOpenStreamAndLeavesNoSenderRunning() throws Exception {
    // Other tests in this JVM may have senders of their own.
    Set<Thread> before = Set.copyOf(senders());
    Node node =
        Node.start(
            NodeConfig.defaults(dir)
                .withPorts(0, 0)
                .withMarket(new MarketService.Config(3_600_000, 500)),
            Clock.systemUTC());
    String api = node.httpUrl() + "/api/v1";
    Identity provider = Identity.generate();
    Identity device = Identity.generate();
    assertThat(
            TestDevices.post(
                    api + "/devices",
                    TestDevices.bytes(TestDevices.registration(api, provider, device)))
                .statusCode())
        .isEqualTo(201);
    Identity buyer = Identity.generate();
    TestMarket.mint(api, node.keys().treasury(), buyer.did(), 100);
    RecipientKey key = RecipientKey.generate();
    String offer =
        TestMarket.ok(api, provider, TestMarket.offer(TestMarket.stream(device), 10, 0, 60));
    String order = TestMarket.ok(api, buyer, TestMarket.buy(offer, key, 10));
    BlockingQueue<TestMarket.Event> licensee = TestMarket.subscribe(api, buyer, order, "research");
    assertThat(licensee.poll(20, TimeUnit.SECONDS)).isNotNull();
    HttpResponse<Stream<String>> live =
        TestDevices.HTTP.send(
            HttpRequest.newBuilder(URI.create(api + "/stream"))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(live.statusCode()).isEqualTo(200);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> opened(before).size() == 2);

    node.close();

    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(opened(before)).isEmpty());
  }

  private static List<String> opened(Set<Thread> before) {
    return senders().stream().filter(t -> !before.contains(t)).map(Thread::getName).toList();
  }

  private static List<Thread> senders() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(
            t -> t.getName().startsWith("msec-licensee-") || t.getName().startsWith("msec-sse-"))
        .toList();
  }
}
