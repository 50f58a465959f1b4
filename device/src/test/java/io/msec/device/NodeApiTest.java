package io.msec.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.core.MsecException;
import io.msec.core.Reading;
import io.msec.device.DeviceRegistration.PropertySchema;
import io.msec.ledger.RegisterDevice;
import io.msec.ledger.Transaction;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeApiTest {
  private final TestBroker broker = TestBroker.shared();
  private final FakeNode node = newNode();
  private final NodeApi api = new NodeApi(node.uri());
  private final Identity owner = Identity.generate();
  private final Identity device = Identity.generate();

  private FakeNode newNode() {
    try {
      return new FakeNode(broker);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  private static DeviceRegistration registration(DidKey device) {
    return new DeviceRegistration(
        device,
        "co2-sensor",
        "room 413",
        new Reading.Location(37.875, -122.258),
        Map.of("co2", new PropertySchema("[ppm]", 0.0, 10000.0)));
  }

  private static String code(Throwable e) {
    return ((MsecException) e).code();
  }

  @Test
  void registersWithATransactionSignedByTheOwnerAndIsIdempotent() {
    NodeApi.Registered first = api.register(owner, registration(device.did()));
    NodeApi.Registered second = api.register(owner, registration(device.did()));

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(first.device().path("owner").asText()).isEqualTo(owner.did().toString());
    assertThat(node.applied).hasSize(1);
    Transaction tx = node.applied.get(0);
    assertThat(tx.account()).isEqualTo(owner.did());
    assertThat(tx.nonce()).isEqualTo(1);
    assertThat(RegisterDevice.fromArgs(tx.argsView()).device()).isEqualTo(device.did());
  }

  @Test
  void usesTheOwnersNextNonceForEachTransaction() {
    Identity other = Identity.generate();

    api.register(owner, registration(device.did()));
    api.register(owner, registration(other.did()));
    api.revoke(owner, other.did());

    assertThat(node.applied).extracting(Transaction::nonce).containsExactly(1L, 2L, 3L);
    assertThat(api.nextNonce(owner.did())).isEqualTo(4);
    assertThat(api.nextNonce(device.did())).as("an account the ledger has not seen").isEqualTo(1);
  }

  @Test
  void refusesADeviceAnotherOwnerRegisteredWithTheNodesCode() {
    api.register(owner, registration(device.did()));

    assertThatThrownBy(() -> api.register(Identity.generate(), registration(device.did())))
        .isInstanceOf(MsecException.class)
        .extracting(NodeApiTest::code)
        .isEqualTo("device-exists");
  }

  @Test
  void retriesWithAFreshNonceWhenAnotherTransactionOfTheOwnerTookIt() {
    node.nonceThieves.set(3);

    NodeApi.Registered answer = api.register(owner, registration(device.did()));

    assertThat(answer.created()).isTrue();
    assertThat(node.wrongNonces).hasValue(3);
    assertThat(node.applied).extracting(Transaction::nonce).containsExactly(4L);
  }

  @Test
  void givesUpWithWrongNonceAfterTheLastAttempt() {
    node.nonceThieves.set(NodeApi.MAX_ATTEMPTS);

    assertThatThrownBy(() -> api.register(owner, registration(device.did())))
        .isInstanceOf(MsecException.class)
        .extracting(NodeApiTest::code)
        .isEqualTo("wrong-nonce");
    assertThat(node.wrongNonces).hasValue(NodeApi.MAX_ATTEMPTS);
  }

  @Test
  void concurrentRegistrationsOfOneOwnerFromTwoClientsAllSucceed() throws Exception {
    NodeApi otherClient = new NodeApi(node.uri());
    // A client loses a nonce only to a transaction of the other client, at most devices / 2 times.
    int devices = NodeApi.MAX_ATTEMPTS;
    List<CompletableFuture<NodeApi.Registered>> answers = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(devices);
    try {
      for (int i = 0; i < devices; i++) {
        NodeApi client = i % 2 == 0 ? api : otherClient;
        DeviceRegistration registration = registration(Identity.generate().did());
        answers.add(
            CompletableFuture.supplyAsync(() -> client.register(owner, registration), pool));
      }
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
    } finally {
      pool.shutdownNow();
    }

    assertThat(answers).allMatch(a -> a.join().created());
    assertThat(node.applied)
        .extracting(Transaction::nonce)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, devices).boxed().toList());
  }

  @Test
  void readsLastSeqAndThrowsTheNodesCodeForAnUnknownDevice() {
    assertThatThrownBy(() -> api.lastSeq(device.did()))
        .isInstanceOf(MsecException.class)
        .extracting(NodeApiTest::code)
        .isEqualTo("unknown-device");

    api.register(owner, registration(device.did()));

    assertThat(api.lastSeq(device.did())).isZero();
    assertThat(api.device(device.did())).isPresent();
  }

  @Test
  void revokesWithATransactionSignedByTheOwner() {
    api.register(owner, registration(device.did()));

    api.revoke(owner, device.did());

    Transaction tx = node.applied.get(1);
    assertThat(tx.op()).isEqualTo("revoke-device");
    assertThat(tx.argsView().path("device").asText()).isEqualTo(device.did().toString());
    assertThat(api.device(device.did()).orElseThrow().path("revoked").asBoolean()).isTrue();
  }

  @Test
  void rotatesTheDevicesKeyWithATransactionSignedByTheOwner() {
    Identity newKey = Identity.generate();
    api.register(owner, registration(device.did()));

    api.rotate(owner, device.did(), newKey.did());

    Transaction tx = node.applied.get(1);
    assertThat(tx.op()).isEqualTo("rotate-device-key");
    assertThat(tx.argsView().path("key").asText()).isEqualTo(newKey.did().toString());
    assertThat(api.device(device.did()).orElseThrow().path("key").asText())
        .isEqualTo(newKey.did().toString());
  }

  @Test
  void refusesARotationByAnotherAccountWithTheNodesCode() {
    api.register(owner, registration(device.did()));

    assertThatThrownBy(
            () -> api.rotate(Identity.generate(), device.did(), Identity.generate().did()))
        .isInstanceOf(MsecException.class)
        .extracting(NodeApiTest::code)
        .isEqualTo("not-owner");
  }

  @Test
  void learnsTheMqttAddressFromTheNode() {
    assertThat(api.node().mqtt()).isEqualTo(URI.create("tcp://127.0.0.1:" + broker.port));
  }

  @Test
  void reportsAnUnreachableNodeWithACode() {
    NodeApi nowhere = new NodeApi(URI.create("http://127.0.0.1:1"));

    assertThatThrownBy(nowhere::node)
        .isInstanceOf(MsecException.class)
        .hasMessage("cannot reach the node at http://127.0.0.1:1: connection refused")
        .extracting(NodeApiTest::code)
        .isEqualTo("node-unreachable");
  }
}
