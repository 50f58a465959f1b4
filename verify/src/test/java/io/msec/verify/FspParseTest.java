package io.msec.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FspParseTest {

  @Test
  void missingArrowIsReportedWithLineColumnAndWhatWasExpected() {
    VerifyException e =
        catchThrowableOfType(
            VerifyException.class, () -> FspModel.parse("const N = 2\nP = (a -> b P)."));

    assertThat(e.code()).isEqualTo("parse-error");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(13);
    assertThat(e.getMessage()).isEqualTo("line 2, column 13: expected '->' but found 'P'");
  }

  @Test
  void missingFinalDotIsReportedAtTheEndOfInput() {
    VerifyException e =
        catchThrowableOfType(VerifyException.class, () -> FspModel.parse("P = (a -> P)"));

    assertThat(e.getMessage()).contains("expected", "'.'", "end of input");
  }

  @Test
  void unknownCharacterIsAParseError() {
    assertThatThrownBy(() -> FspModel.parse("P = (a -> P) # ."))
        .hasMessage("line 1, column 14: unexpected character '#'");
  }

  @Test
  void undefinedLocalProcessIsAModelErrorWithItsPosition() {
    VerifyException e =
        catchThrowableOfType(VerifyException.class, () -> compile("P = (a -> Q).", "P"));

    assertThat(e.code()).isEqualTo("model-error");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.getMessage()).contains("no local process 'Q'");
  }

  @Test
  void indexOutOfRangeIsAModelError() {
    assertThatThrownBy(() -> compile("P = C[0], C[i:0..2] = (up -> C[i+1]).", "P"))
        .hasMessageContaining("index 3 of C is outside 0..2");
  }

  @Test
  void recursionWithoutAnActionIsAModelError() {
    assertThatThrownBy(() -> compile("P = Q, Q = P.", "P")).hasMessageContaining("itself");
  }

  @Test
  void unknownProcessHasItsOwnCode() {
    assertThatThrownBy(() -> compile("P = STOP.", "NOPE"))
        .extracting(e -> ((VerifyException) e).code())
        .isEqualTo("unknown-process");
  }

  @Test
  void duplicateNamesAreRejected() {
    assertThatThrownBy(() -> FspModel.parse("const N = 1\nrange N = 0..1"))
        .hasMessageContaining("defined twice");
  }

  @Test
  void relabellingRenamesPrefixesAndSetsDuplicate() {
    Lts lts = compile("P = (a.x -> b -> P) / {c/a, {d, e}/b}.", "P");

    assertThat(lts.alphabet()).containsExactlyInAnyOrder("c.x", "d", "e");
    assertThat(lts.enabled(1)).containsExactly("d", "e");
  }

  @Test
  void hidingAndInterfaceTurnActionsIntoTau() {
    assertThat(compile("P = (a -> b -> c -> P) \\ {b}.", "P").alphabet())
        .containsExactlyInAnyOrder("a", "c");
    assertThat(compile("P = (a -> b -> c -> P) @ {b}.", "P").alphabet()).containsExactly("b");
  }

  @Test
  void sharingAndLabellingMakeCopies() {
    String src =
        "R = (acq -> rel -> R).\nU = (acq -> use -> rel -> U).\n"
            + "||S = (u[1..2]:U || {u[1..2]}::R).";

    SafetyResult r = check(src, "S");

    assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    assertThat(r.states()).isEqualTo(5);
  }

  @Test
  void forallParametersAndGuardsInstantiate() {
    String src =
        "const N = 3\nP(I=0) = (when (I % 2 == 0) even[I] -> P | when (I % 2 == 1) odd[I] -> P).\n"
            + "||S = forall [i:1..N] P(i).";

    Lts lts = new Checker(FspModel.parse(src)).compose("S");

    assertThat(lts.alphabet()).containsExactlyInAnyOrder("odd.1", "even.2", "odd.3");
  }

  @Test
  void ifThenElseAndBindingInPrefixes() {
    Lts lts = compile("P = (in[v:0..2] -> if v > 0 then (out[v-1] -> P) else (zero -> P)).", "P");

    assertThat(lts.alphabet())
        .containsExactlyInAnyOrder("in.0", "in.1", "in.2", "out.0", "out.1", "zero");
  }

  @Test
  void endIsTerminationNotDeadlock() {
    assertThat(check("P = (a -> END).", "P").verdict()).isEqualTo(Verdict.PASS);
    assertThat(check("P = (a -> STOP).", "P").verdict()).isEqualTo(Verdict.DEADLOCK);
  }

  @Test
  void alphabetExtensionMakesAProcessBlockActionsItNeverDoes() {
    String src = "P = (a -> P) + {b}.\nQ = (b -> Q | a -> Q).\n||S = (P || Q).";

    assertThat(new Checker(FspModel.parse(src)).compose("S").enabled(0)).containsExactly("a");
  }

  @Test
  void namedSetsExpandInsideSets() {
    String src = "set A = {x, y}\nset B = {A, z}\nP = ({B} -> P).";

    assertThat(compile(src, "P").alphabet()).containsExactlyInAnyOrder("x", "y", "z");
  }

  /** Cutting a valid model anywhere yields a model or a located VerifyException, nothing else. */
  @Property(tries = 300)
  void truncatedOrMutatedTextFailsOnlyWithLocatedVerifyExceptions(
      @ForAll @IntRange(min = 0, max = 2000) int cut, @ForAll @IntRange(min = 0, max = 30) int c) {
    String src = FspModelsText.PURCHASE;
    int at = Math.min(cut, src.length());
    String noise = "(){}->|.,:=[]abCD01\\@+/";
    String mutated = src.substring(0, at) + noise.charAt(c % noise.length()) + src.substring(at);

    for (String text : new String[] {src.substring(0, at), mutated}) {
      try {
        FspModel m = FspModel.parse(text);
        m.processes().forEach(p -> new Checker(m).stateLimit(100_000).checkSafety(p));
      } catch (VerifyException e) {
        assertThat(e.code()).isIn("parse-error", "model-error", "unknown-process", "state-limit");
        if (e.code().equals("parse-error")) {
          assertThat(e.line()).isBetween(1, (int) text.lines().count() + 1);
          assertThat(e.column()).isPositive();
        }
      }
    }
  }

  private static Lts compile(String src, String process) {
    return new Checker(FspModel.parse(src)).compose(process);
  }

  private static SafetyResult check(String src, String process) {
    return new Checker(FspModel.parse(src)).checkSafety(process);
  }
}
