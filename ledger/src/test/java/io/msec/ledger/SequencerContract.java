package io.msec.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.Identity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Sequencer} must do, whatever orders the transactions: run this class against
 * each implementation by extending it.
 */
public abstract class SequencerContract {
  @TempDir Path dir;
  protected final FakeClock clock = new FakeClock(1_764_860_000_000L);
  protected final Identity sequencer = Fixture.seeded(1);
  protected final Identity treasury = Fixture.seeded(2);
  protected final Identity alice = Fixture.seeded(3);
  private Ledger ledger;

  /** The implementation under test. */
  protected abstract Sequencer.Factory factory();

  private Ledger open(LedgerConfig config) {
    ledger =
        Ledger.open(
            dir, sequencer, treasury.did(), clock, config, OperationRegistry.standard(), factory());
    return ledger;
  }

  @AfterEach
  void closeLedger() {
    if (ledger != null) {
      ledger.close();
    }
  }

  @Test
  void receiptCompletesOnlyOnceItsBlockIsReadable() {
    Ledger l = open(new LedgerConfig(50, 1, 2));
    Transaction mint = TransactionBuilder.sign(treasury, 1, new Mint(alice.did(), 10));

    Receipt r = Fixture.await(l.submit(mint));

    assertThat(l.height()).isGreaterThanOrEqualTo(r.height());
    Block block = l.block(r.height()).orElseThrow();
    assertThat(block.transactions().get(r.index())).isEqualTo(mint);
    assertThat(l.head().size()).isGreaterThan(r.height());
    assertThat(l.balance(alice.did())).isEqualTo(10);
  }

  @Test
  void cutsABlockAsSoonAsMaxTransactionsArePending() {
    Ledger l = open(new LedgerConfig(3_600_000, 5, 2));
    TransactionBuilder t = TransactionBuilder.forAccount(treasury, 1);
    List<CompletableFuture<Receipt>> pending = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pending.add(l.submit(t.next(new Mint(alice.did(), 1))));
    }

    List<Receipt> receipts = pending.stream().map(Fixture::await).toList();

    assertThat(receipts).extracting(Receipt::height).containsOnly(1L);
    assertThat(receipts).extracting(Receipt::index).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void cutsAPartialBlockOnlyWhenTheIntervalHasPassedOnTheClock() throws Exception {
    Ledger l = open(new LedgerConfig(1_000, 100, 2));
    CompletableFuture<Receipt> pending =
        l.submit(TransactionBuilder.sign(treasury, 1, new Mint(alice.did(), 1)));

    assertThatThrownBy(() -> pending.get(300, TimeUnit.MILLISECONDS))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    clock.advance(1_000);

    assertThat(pending.get(10, TimeUnit.SECONDS).height()).isEqualTo(1);
  }

  @Test
  void keepsTheSubmissionOrderOfOneAccount() {
    Ledger l = open(new LedgerConfig(1, 7, 2));
    TransactionBuilder t = TransactionBuilder.forAccount(treasury, 1);
    List<CompletableFuture<Receipt>> pending = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      pending.add(l.submit(t.next(new Mint(alice.did(), 1))));
      clock.advance(1);
    }

    pending.forEach(Fixture::await);

    assertThat(l.balance(alice.did())).isEqualTo(60);
    assertThat(l.nextNonce(treasury.did())).isEqualTo(61);
  }

  @Test
  void resubmittingAPendingOrCommittedTransactionYieldsTheSameReceipt() {
    Ledger l = open(new LedgerConfig(3_600_000, 2, 2));
    Transaction mint = TransactionBuilder.sign(treasury, 1, new Mint(alice.did(), 10));
    CompletableFuture<Receipt> first = l.submit(mint);
    CompletableFuture<Receipt> second = l.submit(mint);
    l.submit(TransactionBuilder.sign(treasury, 2, new Mint(alice.did(), 1)));

    assertThat(Fixture.await(second)).isEqualTo(Fixture.await(first));
    assertThat(Fixture.await(l.submit(mint))).isEqualTo(Fixture.await(first));
    assertThat(l.balance(alice.did())).isEqualTo(11);
  }

  @Test
  void tellsTheFirstSubmissionOfATransactionFromEveryRepeat() {
    Ledger l = open(new LedgerConfig(3_600_000, 2, 2));
    Transaction mint = TransactionBuilder.sign(treasury, 1, new Mint(alice.did(), 10));
    Transaction refused = TransactionBuilder.sign(alice, 1, new Transfer(treasury.did(), 99));
    CompletableFuture<Ledger.Submission> first = l.submitOnce(mint);
    CompletableFuture<Ledger.Submission> pending = l.submitOnce(mint);
    l.submit(TransactionBuilder.sign(treasury, 2, new Mint(alice.did(), 1)));

    assertThat(Fixture.await(first).repeated()).isFalse();
    assertThat(Fixture.await(pending).repeated()).isTrue();
    assertThat(Fixture.await(pending).receipt()).isEqualTo(Fixture.await(first).receipt());
    assertThat(Fixture.await(l.submitOnce(mint)).repeated()).isTrue();
    assertThat(l.balance(alice.did())).isEqualTo(11);
    // A refused transaction is no claim: sent again once it can apply, it is a first submission.
    CompletableFuture<Ledger.Submission> poor = l.submitOnce(refused);
    clock.advance(3_600_000);
    assertThatThrownBy(() -> Fixture.await(poor)).isInstanceOf(LedgerException.class);
    Fixture.await(
        l.submit(TransactionBuilder.sign(treasury, 3, new Mint(alice.did(), 100)))
            .thenCombine(
                l.submit(TransactionBuilder.sign(treasury, 4, new Mint(treasury.did(), 1))),
                (a, b) -> a));
    CompletableFuture<Ledger.Submission> funded = l.submitOnce(refused);
    clock.advance(3_600_000);
    assertThat(Fixture.await(funded).repeated()).isFalse();
    assertThat(l.balance(alice.did())).isEqualTo(111 - 99);
  }

  @Test
  void refusalCompletesExceptionallyAndOthersInTheBlockCommit() {
    Ledger l = open(new LedgerConfig(3_600_000, 3, 2));
    CompletableFuture<Receipt> ok =
        l.submit(TransactionBuilder.sign(treasury, 1, new Mint(alice.did(), 10)));
    CompletableFuture<Receipt> refused =
        l.submit(TransactionBuilder.sign(alice, 1, new Transfer(treasury.did(), 11)));
    CompletableFuture<Receipt> ok2 =
        l.submit(TransactionBuilder.sign(alice, 1, new Transfer(treasury.did(), 4)));

    assertThat(Fixture.await(ok).height()).isEqualTo(Fixture.await(ok2).height());
    assertThatThrownBy(() -> Fixture.await(refused))
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(LedgerException.INSUFFICIENT_FUNDS);
    assertThat(l.balance(alice.did())).isEqualTo(6);
  }

  @Test
  void closeCommitsWhatIsPendingAndRefusesLaterSubmissions() {
    Ledger l = open(new LedgerConfig(3_600_000, 100, 2));
    CompletableFuture<Receipt> pending =
        l.submit(TransactionBuilder.sign(treasury, 1, new Mint(alice.did(), 10)));

    l.close();
    ledger = null;

    assertThat(Fixture.await(pending).height()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                Fixture.await(
                    l.submit(TransactionBuilder.sign(treasury, 2, new Mint(alice.did(), 1)))))
        .isInstanceOf(LedgerException.class);
  }
}
