package io.msec.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class MinimiseTest {

  @Test
  void strongMinimisationMergesStatesWithTheSameFuture() {
    FspModel m = FspModel.parse("P = (a -> b -> P | a -> Q), Q = (b -> P).");

    Lts min = new Checker(m).minimise("P", Equivalence.STRONG);

    assertThat(new Checker(m).compose("P").stateCount()).isEqualTo(3);
    assertThat(min.stateCount()).isEqualTo(2);
    assertThat(min.transitionCount()).isEqualTo(2);
  }

  @Test
  void strongMinimisationKeepsTauSteps() {
    FspModel m = FspModel.parse("P = (a -> x -> b -> P) \\ {x}.");

    assertThat(new Checker(m).minimise("P", Equivalence.STRONG).stateCount()).isEqualTo(3);
  }

  @Test
  void weakMinimisationRemovesUnobservableSteps() {
    FspModel m = FspModel.parse("P = (a -> x -> b -> P) \\ {x}.");

    Lts min = new Checker(m).minimise("P", Equivalence.WEAK);

    assertThat(min.stateCount()).isEqualTo(2);
    assertThat(min.enabled(0)).containsExactly("a");
  }

  @Test
  void weakMinimisationKeepsAChoiceThatTauResolves() {
    FspModel m = FspModel.parse("P = (a -> (x -> b -> P | y -> c -> P)) \\ {x, y}.");

    Lts min = new Checker(m).minimise("P", Equivalence.WEAK);

    assertThat(traces(min, 3)).isEqualTo(traces(new Checker(m).compose("P"), 3));
    assertThat(min.stateCount()).isEqualTo(4);
  }

  @Property(tries = 150)
  void minimisedCompositeHasTheSameVisibleTracesAndIsAlreadyMinimal(
      @ForAll("models") OracleAgreementTest.Model model) {
    Lts full = new Checker(FspModel.parse(OracleAgreementTest.toFsp(model))).compose("SYS");

    for (Equivalence eq : Equivalence.values()) {
      Lts min = Checker.minimise(full, eq);

      assertThat(min.stateCount()).isLessThanOrEqualTo(full.stateCount());
      assertThat(traces(min, 4)).isEqualTo(traces(full, 4));
      assertThat(Checker.minimise(min, eq).stateCount()).isEqualTo(min.stateCount());
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<OracleAgreementTest.Model> models() {
    return new OracleAgreementTest().models();
  }

  /** Visible traces up to length k, with "!" marking a trace that can end in ERROR. */
  static Set<String> traces(Lts lts, int k) {
    Set<String> out = new TreeSet<>();
    explore(lts, closure(lts, Set.of(0)), "", k, out);
    return out;
  }

  private static void explore(Lts lts, Set<Integer> states, String prefix, int k, Set<String> out) {
    out.add(prefix);
    if (states.contains(Lts.ERROR)) {
      out.add(prefix + "!");
    }
    if (k == 0) {
      return;
    }
    Set<String> actions = new TreeSet<>();
    for (int s : states) {
      if (s >= 0) {
        lts.enabled(s).stream().filter(a -> !a.equals("tau")).forEach(actions::add);
      }
    }
    for (String a : actions) {
      Set<Integer> next = new HashSet<>();
      for (int s : states) {
        for (int t = s < 0 ? 0 : lts.first(s); s >= 0 && t < lts.end(s); t++) {
          if (lts.actionName(lts.label(t)).equals(a)) {
            next.add(lts.target(t));
          }
        }
      }
      explore(lts, closure(lts, next), prefix + a + ".", k - 1, out);
    }
  }

  private static Set<Integer> closure(Lts lts, Set<Integer> states) {
    List<Integer> todo = new ArrayList<>(states);
    Set<Integer> seen = new HashSet<>(states);
    while (!todo.isEmpty()) {
      int s = todo.remove(todo.size() - 1);
      for (int t = s < 0 ? 0 : lts.first(s); s >= 0 && t < lts.end(s); t++) {
        if (lts.label(t) == Lts.TAU && seen.add(lts.target(t))) {
          todo.add(lts.target(t));
        }
      }
    }
    return seen;
  }
}
