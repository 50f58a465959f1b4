package io.msec.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassicModelsTest {

  @Test
  void dinersTakingRightForkFirstDeadlockWithEveryoneHoldingOneFork() {
    SafetyResult r = Models.safety("classic/diners.fsp");

    assertThat(r.verdict()).isEqualTo(Verdict.DEADLOCK);
    assertThat(r.trace()).hasSize(10).filteredOn(a -> a.endsWith("right.get")).hasSize(5);
  }

  @Test
  void dinersWithAlternatingForkOrderNeverDeadlock() {
    assertThat(Models.safety("classic/diners_fixed.fsp").verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void boundedBufferNeverOverflows() {
    SafetyResult r = Models.safety("classic/buffer.fsp");

    assertThat(r.verdict()).isEqualTo(Verdict.PASS);
    assertThat(r.states()).isEqualTo(16);
  }

  @Test
  void carParkKeepsWithinCapacity() {
    assertThat(Models.safety("classic/carpark.fsp").verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void readersAndWritersNeverShareWithAWriter() {
    assertThat(Models.safety("classic/readers_writers.fsp").verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void petersonKeepsMutualExclusion() {
    assertThat(Models.safety("classic/peterson.fsp").verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void checkThenSetLetsBothProcessesEnterWithAShortestTrace() {
    SafetyResult r = Models.safety("classic/peterson_bug.fsp");

    assertThat(r.verdict()).isEqualTo(Verdict.VIOLATION);
    assertThat(r.violated()).isEqualTo("MUTEX");
    assertThat(r.trace()).hasSize(6).endsWith("enter.2");
  }
}
