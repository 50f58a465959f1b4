package io.msec.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.core.Identity;
import io.msec.ledger.Account;
import io.msec.ledger.Genesis;
import io.msec.ledger.LedgerException;
import io.msec.ledger.Mint;
import io.msec.ledger.Operation;
import io.msec.ledger.OperationRegistry;
import io.msec.ledger.Supply;
import io.msec.ledger.Transaction;
import io.msec.ledger.TransactionBuilder;
import io.msec.ledger.Transfer;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Random transaction sequences keep supply, non-negative balances and nonce order intact. */
class StateMachinePropertiesTest {
  private static final Identity[] ACCOUNTS = {seeded(1), seeded(2), seeded(3), seeded(4)};
  private static final Identity SEQUENCER = seeded(9);

  record Action(boolean mint, int actor, int target, long amount, int nonceSkew) {}

  @Provide
  Arbitrary<Action> actions() {
    Arbitrary<Long> amounts =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1, 50),
            Arbitraries.longs().between(1, Long.MAX_VALUE),
            Arbitraries.longs().between(Long.MAX_VALUE - 100, Long.MAX_VALUE));
    Arbitrary<Integer> skew =
        Arbitraries.frequency(Tuple.of(12, 0), Tuple.of(1, 1), Tuple.of(1, -1));
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, ACCOUNTS.length - 1),
            Arbitraries.integers().between(0, ACCOUNTS.length - 1),
            amounts,
            skew)
        .as(Action::new);
  }

  @Provide
  Arbitrary<List<Action>> runs() {
    return actions().list().ofMaxSize(40);
  }

  @Property(tries = 150)
  void invariantsHoldAfterEveryTransaction(@ForAll("runs") List<Action> run) {
    StateStore store = new StateStore();
    store.put(Genesis.KEY, new Genesis(ACCOUNTS[0].did(), SEQUENCER.did()));
    store.put(Supply.KEY, new Supply(0));
    StateMachine machine =
        new StateMachine(OperationRegistry.standard(), ACCOUNTS[0].did(), SEQUENCER.did());
    Overlay block = new Overlay(store);
    long height = 1;

    for (Action a : run) {
      Identity actor = ACCOUNTS[a.actor()];
      long nonce = nonce(block, actor) + 1 + a.nonceSkew();
      Operation op =
          a.mint()
              ? new Mint(ACCOUNTS[a.target()].did(), a.amount())
              : new Transfer(ACCOUNTS[a.target()].did(), a.amount());
      Transaction tx = TransactionBuilder.sign(actor, Math.max(1, nonce), op);
      Map<String, Object> before = snapshot(block);
      long[] nonces = nonces(block);

      boolean accepted;
      try {
        machine.apply(tx, block, height++, 0);
        accepted = true;
      } catch (LedgerException e) {
        accepted = false;
      }

      long[] after = nonces(block);
      for (int i = 0; i < ACCOUNTS.length; i++) {
        long expected = nonces[i] + (accepted && i == a.actor() ? 1 : 0);
        assertThat(after[i]).as("nonce of account %d", i).isEqualTo(expected);
      }
      if (!accepted) {
        assertThat(snapshot(block)).isEqualTo(before);
      }
      long sum = 0;
      for (Identity id : ACCOUNTS) {
        long balance = account(block, id).balance();
        assertThat(balance).isNotNegative();
        sum = Math.addExact(sum, balance);
      }
      assertThat(sum).isEqualTo(block.get(Supply.KEY, Supply.class).orElseThrow().total());
    }
  }

  private static Map<String, Object> snapshot(Overlay block) {
    Map<String, Object> out = new java.util.TreeMap<>();
    block.writes().forEach((k, v) -> out.put(k, v.toJson()));
    return out;
  }

  private static long[] nonces(Overlay block) {
    long[] out = new long[ACCOUNTS.length];
    for (int i = 0; i < ACCOUNTS.length; i++) {
      out[i] = account(block, ACCOUNTS[i]).nonce();
    }
    return out;
  }

  private static long nonce(Overlay block, Identity id) {
    return account(block, id).nonce();
  }

  private static Account account(Overlay block, Identity id) {
    return block.get(Account.key(id.did()), Account.class).orElse(Account.EMPTY);
  }

  private static Identity seeded(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    return Identity.fromSeed(seed);
  }
}
