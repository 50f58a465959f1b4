package io.msec.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.verify.internal.lts.ProgressCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SynthesisTest {
  private static final String SMALL =
      """
      PLANT = (u -> S1 | c1 -> PLANT), S1 = (c2 -> PLANT | bad -> PLANT).
      property NEVER_BAD = STOP + {bad}.
      controllerSpec G = { safety = {NEVER_BAD} controllable = {c1, c2, bad} }
      controllerSpec G_UNCONTROLLED = { safety = {NEVER_BAD} controllable = {c1, c2} }
      controller ||C = (PLANT)~{G}.
      """;

  @Test
  void mostPermissiveSafetyControllerDisablesOnlyTheBadAction() {
    SynthesisResult r = new Checker(FspModel.parse(SMALL)).synthesise("C");

    assertThat(r.realisable()).isTrue();
    Lts c = r.controller();
    assertThat(c.stateCount()).isEqualTo(2);
    assertThat(c.enabled(0)).containsExactlyInAnyOrder("u", "c1");
    assertThat(c.enabled(1)).containsExactly("c2");
  }

  @Test
  void uncontrollableBadActionMakesTheGoalUnrealisableWithEnvironmentPlay() {
    SynthesisResult r = new Checker(FspModel.parse(SMALL)).synthesise("G_UNCONTROLLED", "PLANT");

    assertThat(r.realisable()).isFalse();
    assertThat(r.controller()).isNull();
    assertThat(r.counterPlay())
        .containsExactly(
            "environment: u", "environment: bad", "ERROR: a safety property is violated");
  }

  @Test
  void controllerNeverBlocksEverything() {
    String src =
        """
        PLANT = (c1 -> STOP | c2 -> PLANT).
        controllerSpec G = { safety = {} controllable = {c1, c2} }
        """;

    SynthesisResult r = new Checker(FspModel.parse(src)).synthesise("G", "PLANT");

    assertThat(r.realisable()).isTrue();
    assertThat(r.controller().enabled(0)).containsExactly("c2");
  }

  @Test
  void reachabilityGoalIsForcedDespiteTheEnvironment() {
    String src =
        """
        PLANT = (c -> Q | u -> PLANT | wait -> PLANT), Q = (goal -> PLANT | u -> PLANT).
        controllerSpec G = { safety = {} controllable = {c, wait} reach = {goal} }
        """;

    SynthesisResult r = new Checker(FspModel.parse(src)).synthesise("G", "PLANT");

    assertThat(r.realisable()).isFalse();
    assertThat(r.counterPlay()).last().asString().startsWith("repeats");
  }

  @Test
  void reachabilityGoalWithControllableGoalIsRealisableAndThenAnythingSafeGoes() {
    String src =
        """
        PLANT = (c -> Q | wait -> PLANT), Q = (goal -> PLANT).
        controllerSpec G = { safety = {} controllable = {c, wait, goal} reach = {goal} }
        """;

    SynthesisResult r = new Checker(FspModel.parse(src)).synthesise("G", "PLANT");

    assertThat(r.realisable()).isTrue();
    assertThat(r.controller().enabled(0)).containsExactly("c");
    ControllerRuntime run = ControllerRuntime.of(r.controller(), r.controllable());
    run.step("c");
    run.step("goal");
    assertThat(run.allowed()).containsExactlyInAnyOrder("c", "wait");
  }

  @Test
  void healControllerIsSafeDeadlockFreeAndKeepsDelivering() {
    SynthesisResult r = heal();

    assertThat(r.realisable()).isTrue();
    Lts c = r.controller();
    assertThat(c.reachesError()).isFalse();
    for (int s = 0; s < c.stateCount(); s++) {
      assertThat(c.enabled(s)).as("state %d", s).isNotEmpty();
    }
    List<String> deliver = List.of("deliver.0", "deliver.1", "deliver.2");
    assertThat(ProgressCheck.check(c, Map.of("DELIVER", deliver))).isEmpty();
  }

  @Test
  void healControllerDropsAReadingWhoseSensorWasRevokedAndAlertsFirst() {
    ControllerRuntime run = ControllerRuntime.of(heal().controller(), heal().controllable());

    run.step("read.0");
    run.step("revoke.0");

    assertThat(run.allowedControllable()).doesNotContain("deliver.0").contains("drop");
    run.step("drop");
    run.step("switch.1");
    run.step("read.1");
    assertThat(run.allowedControllable()).doesNotContain("deliver.1").contains("alert");
    assertThatThrownBy(() -> run.step("deliver.1"))
        .isInstanceOf(VerifyException.class)
        .hasMessageContaining("forbidden")
        .extracting(e -> ((VerifyException) e).code())
        .isEqualTo("action-not-allowed");
    run.step("alert");
    run.step("deliver.1");
  }

  @Test
  void healWithoutAHealthySensorLeftCannotKeepDelivering() throws IOException {
    String broken =
        Files.readString(Models.file("heal.fsp"))
            .replace("F[k:0..S-1]", "F[k:0..S]")
            .replace("when (k < S-1) fail", "when (k < S) fail")
            .replace("when (k < S-1) revoke", "when (k < S) revoke");

    SynthesisResult r = new Checker(FspModel.parse(broken)).synthesise("HEAL");

    assertThat(r.realisable()).isFalse();
    assertThat(r.counterPlay()).isNotEmpty();
  }

  @Test
  void committedHealControllerFileIsWhatSynthesisProducesAndLoads() throws IOException {
    SynthesisResult r = heal();
    String committed = Files.readString(Models.file("heal.controller.json"));

    assertThat(committed).isEqualTo(ControllerFile.toJson(r.controller(), r.controllable()));
    ControllerRuntime run = ControllerRuntime.load(Models.file("heal.controller.json"));
    assertThat(run.allowedControllable()).contains("read.0");
  }

  @Test
  void rejectsControllerFileWithoutFormatTag() {
    assertThatThrownBy(() -> ControllerFile.parse("{\"states\": 1, \"initial\": 0}"))
        .extracting(e -> ((VerifyException) e).code())
        .isEqualTo("controller-format");
  }

  private static SynthesisResult heal() {
    return new Checker(Models.load("heal.fsp")).synthesise("HEAL");
  }
}
