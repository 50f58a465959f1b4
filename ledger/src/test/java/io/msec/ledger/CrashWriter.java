package io.msec.ledger;

import io.msec.core.Identity;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Semaphore;

/**
 * Run in a child JVM by {@link CrashTest}: writes transfers at full rate and prints {@code
 * committed <txid>} for each one the ledger reported committed, until killed.
 */
public final class CrashWriter {
  static final int ACCOUNTS = 20;
  static final long START = 1_000_000;

  private CrashWriter() {}

  static Identity account(int i) {
    return Fixture.seeded(100 + i);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    Fixture keys = new Fixture.Keys();
    Ledger ledger =
        Ledger.open(
            dir,
            keys.sequencer,
            keys.treasury.did(),
            Clock.systemUTC(),
            new LedgerConfig(5, 500, 2));
    Semaphore window = new Semaphore(4000);
    TransactionBuilder treasury =
        TransactionBuilder.forAccount(keys.treasury, ledger.nextNonce(keys.treasury.did()));
    TransactionBuilder[] senders = new TransactionBuilder[ACCOUNTS];
    for (int i = 0; i < ACCOUNTS; i++) {
      senders[i] = TransactionBuilder.forAccount(account(i), ledger.nextNonce(account(i).did()));
      submit(ledger, treasury.next(new Mint(account(i).did(), START)), window, out);
    }
    for (long round = 0; ; round++) {
      for (int i = 0; i < ACCOUNTS; i++) {
        Transfer pay = new Transfer(account((i + 1) % ACCOUNTS).did(), 1 + (round % 3));
        submit(ledger, senders[i].next(pay), window, out);
      }
    }
  }

  private static void submit(Ledger ledger, Transaction tx, Semaphore window, PrintStream out)
      throws InterruptedException {
    window.acquire();
    ledger
        .submit(tx)
        .whenComplete(
            (receipt, error) -> {
              if (receipt != null) {
                synchronized (out) {
                  out.println("committed " + receipt.txId());
                  out.flush();
                }
              }
              window.release();
            });
  }
}
