package io.msec.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A torn or corrupt tail is cut at open; damage that checksums miss is found by replay. */
class LogRecoveryTest {
  @TempDir Path dir;

  private List<Receipt> fiveBlocks(Fixture f) {
    f.commit(f.treasury, new Mint(f.alice.did(), 100));
    return List.of(
        f.commit(f.alice, new Transfer(f.bob.did(), 10)),
        f.commit(f.alice, new Transfer(f.bob.did(), 10)),
        f.commit(f.alice, new Transfer(f.bob.did(), 10)),
        f.commit(f.alice, new Transfer(f.bob.did(), 10)));
  }

  @Test
  void cutsTruncatedLastRecordAndKeepsEveryEarlierBlock() throws IOException {
    try (Fixture f = new Fixture(dir)) {
      fiveBlocks(f);
    }
    long size = Files.size(LogFiles.log(dir));
    long last = LogFiles.offsets(dir).get(5);
    try (RandomAccessFile raf = new RandomAccessFile(LogFiles.log(dir).toFile(), "rw")) {
      raf.setLength(size - 17);
    }

    try (Fixture f = new Fixture(dir)) {
      assertThat(f.ledger.height()).isEqualTo(4);
      assertThat(f.ledger.balance(f.bob.did())).isEqualTo(30);
      assertThat(f.ledger.totalSupply()).isEqualTo(100);
      assertThat(f.ledger.verifyChain(VerifyProgress.NONE).valid()).isTrue();
    }
    assertThat(Files.size(LogFiles.log(dir))).isEqualTo(last);
  }

  @Test
  void cutsRecordWithBadChecksumAtTheTail() throws IOException {
    try (Fixture f = new Fixture(dir)) {
      fiveBlocks(f);
    }
    long last = LogFiles.offsets(dir).get(5);
    try (RandomAccessFile raf = new RandomAccessFile(LogFiles.log(dir).toFile(), "rw")) {
      raf.seek(last + 40);
      int b = raf.read();
      raf.seek(last + 40);
      raf.write(b ^ 0x20);
    }

    try (Fixture f = new Fixture(dir)) {
      assertThat(f.ledger.height()).isEqualTo(4);
      assertThat(f.ledger.verifyChain(VerifyProgress.NONE).valid()).isTrue();
    }
    assertThat(Files.size(LogFiles.log(dir))).isEqualTo(last);
  }

  @Test
  void cutsGarbageAfterTheLastRecordAndWritesOnAfterIt() throws IOException {
    try (Fixture f = new Fixture(dir)) {
      fiveBlocks(f);
    }
    Files.write(LogFiles.log(dir), new byte[] {0, 0, 1, 0, 9, 9}, StandardOpenOption.APPEND);
    VerifyReport before = Ledger.verifyChain(dir, VerifyProgress.NONE);
    assertThat(before.valid()).isTrue();
    assertThat(before.tornTailBytes()).isEqualTo(6);

    try (Fixture f = new Fixture(dir)) {
      assertThat(f.ledger.height()).isEqualTo(5);
      f.commit(f.bob, new Transfer(f.alice.did(), 5));
      f.reopen();
      assertThat(f.ledger.height()).isEqualTo(6);
      assertThat(f.ledger.balance(f.bob.did())).isEqualTo(35);
    }
    assertThat(Ledger.verifyChain(dir, VerifyProgress.NONE).tornTailBytes()).isZero();
  }

  @Test
  void verifyChainNamesFirstForgedBlockWhoseChecksumWasFixed() throws IOException {
    try (Fixture f = new Fixture(dir)) {
      fiveBlocks(f);
    }
    LogFiles.rewrite(dir, 3, "\"amount\":\"10\"", "\"amount\":\"19\"");

    VerifyReport report = Ledger.verifyChain(dir, VerifyProgress.NONE);

    assertThat(report.valid()).isFalse();
    assertThat(report.firstBadHeight()).isEqualTo(3);
    assertThat(report.blocks()).isEqualTo(3);
    assertThatThrownBy(() -> new Fixture(dir))
        .isInstanceOf(LedgerException.class)
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(LedgerException.CORRUPT_CHAIN);
  }

  @Test
  void verifyChainReportsProgressForEveryBlock() {
    try (Fixture f = new Fixture(dir)) {
      fiveBlocks(f);
      List<long[]> seen = new java.util.ArrayList<>();

      VerifyReport report =
          f.ledger.verifyChain((done, total) -> seen.add(new long[] {done, total}));

      assertThat(report.valid()).isTrue();
      assertThat(report.blocks()).isEqualTo(6);
      assertThat(report.transactions()).isEqualTo(5);
      assertThat(seen).hasSize(6);
      assertThat(seen.get(5)).containsExactly(6, 6);
    }
  }

  @Test
  void refusesToOpenAChainOfAnotherTreasury() {
    try (Fixture f = new Fixture(dir)) {
      fiveBlocks(f);
    }
    assertThatThrownBy(
            () ->
                Ledger.open(
                    dir,
                    Fixture.seeded(1),
                    Fixture.seeded(3).did(),
                    new FakeClock(0),
                    Fixture.FAST))
        .isInstanceOf(LedgerException.class)
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(LedgerException.GENESIS_MISMATCH);
  }

  @Test
  void opensAnExistingChainWithoutKnowingItsTreasuryButNeverCreatesOne() {
    try (Fixture f = new Fixture(dir)) {
      fiveBlocks(f);
    }

    try (Ledger l = Ledger.openExisting(dir, Fixture.seeded(1), new FakeClock(0))) {
      assertThat(l.treasury()).isEqualTo(Fixture.seeded(2).did());
      assertThat(l.height()).isEqualTo(5);
    }
    assertThatThrownBy(
            () -> Ledger.openExisting(dir.resolve("empty"), Fixture.seeded(1), new FakeClock(0)))
        .extracting(e -> ((LedgerException) e).code())
        .isEqualTo(LedgerException.NOT_FOUND);
    assertThat(dir.resolve("empty")).doesNotExist();
  }
}
