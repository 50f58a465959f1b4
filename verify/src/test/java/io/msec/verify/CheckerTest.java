package io.msec.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.verify.bench.CheckBench;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckerTest {

  @Test
  void reportsProgressWhileExploringALargeStateSpace() {
    List<Long> reports = new ArrayList<>();
    Checker c =
        new Checker(FspModel.parse(CheckBench.dinersSource(7)))
            .listener((states, transitions) -> reports.add(states));

    SafetyResult r = c.checkSafety("DINERS");

    assertThat(r.states()).isEqualTo(279_934);
    assertThat(reports).hasSizeGreaterThan(2).isSorted().last().isEqualTo(279_934L);
  }

  @Test
  void stopsWithAStateLimitError() {
    Checker c = new Checker(FspModel.parse(CheckBench.dinersSource(6))).stateLimit(1000);

    assertThatThrownBy(() -> c.checkSafety("DINERS"))
        .extracting(e -> ((VerifyException) e).code())
        .isEqualTo("state-limit");
  }

  @Test
  void wideCompositesBeyondSixtyThreeBitsAreStoredToo() {
    // Forty copies in lockstep, three states each: 80 bits of state but only three states.
    String src =
        "C = (tick -> tick -> tock -> STOP).\n"
            + "||W = forall [i:1..40] c[i]:C /{tick/c[i].tick, tock/c[i].tock}.";

    SafetyResult r = new Checker(FspModel.parse(src)).checkSafety("W");

    assertThat(r.verdict()).isEqualTo(Verdict.DEADLOCK);
    assertThat(r.states()).isEqualTo(4);
    assertThat(r.deadlock().orElseThrow()).containsExactly("tick", "tick", "tock");
  }

  @Test
  void stateCountsOfTheDinersGrowAsTheClosedFormSays() {
    // Each philosopher cycle has 7 local states; known counts for 3 and 4 philosophers.
    assertThat(
            new Checker(FspModel.parse(CheckBench.dinersSource(3))).checkSafety("DINERS").states())
        .isEqualTo(214);
    assertThat(
            new Checker(FspModel.parse(CheckBench.dinersSource(4))).checkSafety("DINERS").states())
        .isEqualTo(1296);
  }

  @Test
  void dotShowsStatesActionsAndTheErrorState() {
    Lts lts = new Checker(FspModel.parse("property P = (a -> b -> P).")).compose("P");

    String dot = Dot.toDot(lts);

    assertThat(dot).startsWith("digraph \"P\" {").contains("s0 -> s1 [label=\"a\"]");
    assertThat(dot).contains("s0 -> error [label=\"b\"]", "error [label=\"ERROR\"");
  }

  @Test
  void composeKeepsEveryReachableStateEvenPastAnError() {
    Checker c = new Checker(FspModel.parse("P = (a -> ERROR | b -> c -> P)."));

    assertThat(c.checkSafety("P").trace()).containsExactly("a");
    assertThat(c.compose("P").stateCount()).isEqualTo(2);
  }
}
