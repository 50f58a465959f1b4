package io.msec.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.msec.verify.bench.SpinRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks each classic model with SPIN as an independent oracle. Verdicts must agree; where the
 * Promela encoding maps one FSP action to one statement (docs/verification.md) the reachable state
 * counts, and for most also the transition counts, must agree exactly.
 */
class SpinAgreementTest {

  enum Compare {
    VERDICT,
    STATES,
    STATES_AND_TRANSITIONS
  }

  @BeforeAll
  static void requireSpin() {
    if (!SpinRunner.available()) {
      fail("spin is not on the PATH: install the Debian package 'spin' (apt-get install -y spin)");
    }
  }

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("diners", Compare.STATES_AND_TRANSITIONS),
        Arguments.of("diners_fixed", Compare.STATES_AND_TRANSITIONS),
        Arguments.of("buffer", Compare.STATES_AND_TRANSITIONS),
        Arguments.of("carpark", Compare.STATES_AND_TRANSITIONS),
        Arguments.of("readers_writers", Compare.STATES_AND_TRANSITIONS),
        Arguments.of("peterson", Compare.STATES),
        Arguments.of("peterson_bug", Compare.VERDICT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void spinAgreesWithTheChecker(String name, Compare compare, @TempDir Path dir) {
    SafetyResult ours = Models.safety("classic/" + name + ".fsp");
    Path pml = Models.file("classic/" + name + ".pml");

    SpinRunner.Result spin = SpinRunner.verify(pml, dir, List.of());

    assertThat(verdictOf(spin)).isEqualTo(ours.verdict());
    if (compare != Compare.VERDICT) {
      SpinRunner.Result full = SpinRunner.rerun(dir, "-E");
      assertThat(full.states()).isEqualTo(ours.states());
      if (compare == Compare.STATES_AND_TRANSITIONS) {
        // SPIN counts stored + matched states, i.e. one more than the transitions taken.
        assertThat(full.transitions() - 1).isEqualTo(ours.transitions());
      }
    }
  }

  private static Verdict verdictOf(SpinRunner.Result r) {
    if (r.assertion()) {
      return Verdict.VIOLATION;
    }
    return r.deadlock() ? Verdict.DEADLOCK : Verdict.PASS;
  }
}
