package io.msec.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.verify.SimpleChecker.Component;
import io.msec.verify.SimpleChecker.Edge;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random small models, written as FSP text, must give the same state and transition counts and the
 * same verdicts from the real checker (parser, compiler, lazy product, BFS) and from the simple
 * explicit-product oracle.
 */
class OracleAgreementTest {
  private static final List<String> ACTIONS = List.of("a", "b", "c", "d");

  record Model(List<Component> comps, Set<String> hidden) {}

  @Property(tries = 300)
  void checkerAgreesWithExplicitProduct(@ForAll("models") Model model) {
    String fsp = toFsp(model);
    FspModel m = FspModel.parse(fsp);
    Checker checker = new Checker(m);

    SafetyResult ours = checker.checkSafety("SYS");
    Lts full = checker.compose("SYS");
    SimpleChecker.Result oracle = SimpleChecker.check(model.comps(), model.hidden());

    assertThat(ours.verdict() == Verdict.VIOLATION).as(fsp).isEqualTo(oracle.error());
    if (oracle.error()) {
      assertThat(ours.trace()).as(fsp).hasSize(oracle.errorDepth());
    } else {
      assertThat(ours.states()).as(fsp).isEqualTo(oracle.states());
      assertThat(ours.transitions()).as(fsp).isEqualTo(oracle.transitions());
      assertThat(ours.verdict() == Verdict.DEADLOCK).as(fsp).isEqualTo(oracle.deadlock());
    }
    assertThat(full.stateCount()).as(fsp).isEqualTo(oracle.states());
    assertThat(full.transitionCount()).as(fsp).isEqualTo(oracle.transitions());
  }

  @Provide
  Arbitrary<Model> models() {
    Arbitrary<List<Component>> comps = component().list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<Set<String>> hidden = Arbitraries.of(ACTIONS).set().ofMaxSize(2);
    return Combinators.combine(comps, hidden).as(Model::new);
  }

  private Arbitrary<Component> component() {
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 4);
    return size.flatMap(
        n -> {
          Arbitrary<Edge> edge =
              Combinators.combine(
                      Arbitraries.of(ACTIONS),
                      Arbitraries.frequency(
                          List.of(
                              net.jqwik.api.Tuple.of(12, (Object) "state"),
                              net.jqwik.api.Tuple.of(1, (Object) "error"))),
                      Arbitraries.integers().between(0, n - 1))
                  .as((a, kind, t) -> new Edge(a, kind.equals("error") ? SimpleChecker.ERROR : t));
          Arbitrary<List<List<Edge>>> states =
              edge.list()
                  .ofMaxSize(3)
                  .map(l -> List.copyOf(new java.util.LinkedHashSet<>(l)))
                  .list()
                  .ofSize(n);
          return Combinators.combine(states, Arbitraries.integers().between(0, 5))
              .as((s, p) -> new Component(s, p == 0));
        });
  }

  static String toFsp(Model model) {
    StringBuilder sb = new StringBuilder();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < model.comps().size(); i++) {
      Component c = model.comps().get(i);
      String name = "P" + i;
      names.add(name);
      sb.append(c.property() ? "property " : "").append(name).append(" = S0");
      for (int s = 0; s < c.states().size(); s++) {
        sb.append(",\n  S").append(s).append(" = ");
        List<Edge> row = c.states().get(s);
        if (row.isEmpty()) {
          sb.append("STOP");
          continue;
        }
        List<String> branches = new ArrayList<>();
        for (Edge e : row) {
          branches.add(e.action() + " -> " + (e.target() < 0 ? "ERROR" : "S" + e.target()));
        }
        sb.append("(").append(String.join(" | ", branches)).append(")");
      }
      sb.append(".\n");
    }
    sb.append("||SYS = (").append(String.join(" || ", names)).append(")");
    if (!model.hidden().isEmpty()) {
      sb.append(" \\ {").append(String.join(", ", new HashSet<>(model.hidden()))).append("}");
    }
    return sb.append(".\n").toString();
  }
}
