package io.msec.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Identity;
import io.msec.core.Json;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A ledger in a temporary directory with fixed keys and a fake clock; blocks cut at once. */
class Fixture implements AutoCloseable {
  static final LedgerConfig FAST = new LedgerConfig(1, 1, 2);

  final Path dir;
  final Identity sequencer = seeded(1);
  final Identity treasury = seeded(2);
  final Identity alice = seeded(3);
  final Identity bob = seeded(4);
  final FakeClock clock = new FakeClock(1_764_860_000_000L);
  Ledger ledger;

  /** The fixed keys alone, without a ledger. */
  static final class Keys extends Fixture {
    Keys() {
      super();
    }
  }

  private Fixture() {
    this.dir = null;
  }

  Fixture(Path dir) {
    this(dir, FAST);
  }

  Fixture(Path dir, LedgerConfig config) {
    this.dir = dir;
    this.ledger = Ledger.open(dir, sequencer, treasury.did(), clock, config);
  }

  static Identity seeded(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 7;
    return Identity.fromSeed(seed);
  }

  void reopen() {
    ledger.close();
    ledger = Ledger.open(dir, sequencer, treasury.did(), clock, FAST);
  }

  /** Signs {@code op} with the account's next nonce as the ledger sees it. */
  Transaction tx(Identity account, Operation op) {
    return TransactionBuilder.sign(account, ledger.nextNonce(account.did()), op);
  }

  Receipt commit(Identity account, Operation op) {
    return await(ledger.submit(tx(account, op)));
  }

  static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode schema() {
    ObjectNode s = Json.mapper().createObjectNode();
    s.putObject("co2").put("unit", "[ppm]").put("min", 0).put("max", 10000);
    return s;
  }

  @Override
  public void close() {
    if (ledger != null) {
      ledger.close();
    }
  }
}
