package io.msec.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.core.MsecException;
import io.msec.device.internal.Outbox;
import io.msec.device.internal.Outbox.Ack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OutboxTest {
  /** A transport that keeps every attempt for the test to answer. */
  static final class FakeTransport implements Outbox.Transport {
    final List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<CompletableFuture<Ack>> answers = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Ack> send(byte[] payload) {
      sent.add(new String(payload, StandardCharsets.UTF_8));
      CompletableFuture<Ack> answer = new CompletableFuture<>();
      answers.add(answer);
      return answer;
    }
  }

  private final FakeTransport transport = new FakeTransport();
  private final Outbox outbox = new Outbox("test", transport, Duration.ofMillis(10));

  private CompletableFuture<PublishResult> add(long seq) {
    return outbox.add(("m" + seq).getBytes(StandardCharsets.UTF_8), seq, seq, 1);
  }

  @Test
  void sendsNothingWhileOfflineAndEverythingInOrderOnConnect() {
    add(1);
    add(2);
    assertThat(transport.sent).isEmpty();

    outbox.online();

    assertThat(transport.sent).containsExactly("m1", "m2");
  }

  @Test
  void resendsUnacknowledgedMessagesOldestFirstAfterReconnect() {
    outbox.online();
    CompletableFuture<PublishResult> first = add(1);
    add(2);
    add(3);
    transport.answers.get(0).complete(new Ack(0, null));

    outbox.offline();
    transport.answers.get(1).completeExceptionally(new RuntimeException("connection lost"));
    outbox.online();

    assertThat(first).isCompletedWithValueMatching(PublishResult::accepted);
    assertThat(transport.sent).containsExactly("m1", "m2", "m3", "m2", "m3");
    assertThat(outbox.size()).isEqualTo(2);
    assertThat(outbox.resends()).isEqualTo(2);
  }

  @Test
  void takesALateAcknowledgementOfAnEarlierConnectionAsFinal() {
    outbox.online();
    CompletableFuture<PublishResult> result = add(1);
    outbox.offline();
    outbox.online();

    transport.answers.get(0).complete(new Ack(0, null));
    transport.answers.get(1).complete(new Ack(0, null));

    assertThat(result).isCompletedWithValueMatching(r -> r.code().equals("accepted"));
    assertThat(outbox.size()).isZero();
  }

  @Test
  void reportsARefusalWithItsReasonStringAndDoesNotResendIt() {
    outbox.online();
    CompletableFuture<PublishResult> result = add(7);
    transport.answers.get(0).complete(new Ack(0x83, "bad-signature"));
    outbox.offline();
    outbox.online();

    assertThat(result.join().accepted()).isFalse();
    assertThat(result.join().code()).isEqualTo("bad-signature");
    assertThat(result.join().firstSeq()).isEqualTo(7);
    assertThat(transport.sent).containsExactly("m7");
  }

  @Test
  void namesARefusalWithoutReasonStringByItsCode() {
    outbox.online();
    CompletableFuture<PublishResult> result = add(1);
    transport.answers.get(0).complete(new Ack(0x87, null));

    assertThat(result.join().code()).isEqualTo("not-authorized");
  }

  @Test
  void failsWaitingMessagesWhenClosed() throws Exception {
    CompletableFuture<PublishResult> result = add(1);

    outbox.close();

    assertThat(result)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(MsecException.class);
    assertThat(outbox.awaitEmpty(Duration.ZERO)).isTrue();
  }

  @Test
  void flushTimesOutWhileMessagesWait() throws Exception {
    add(1);

    assertThat(outbox.awaitEmpty(Duration.ofMillis(20))).isFalse();
  }

  @Test
  void retriesAFailedSendWhileStillConnected() {
    outbox.online();
    add(1);
    transport.answers.get(0).completeExceptionally(new CompletionException(new Exception("x")));

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> transport.sent.size() == 2);
    assertThat(transport.sent).containsExactly("m1", "m1");
  }
}
