package io.msec.device.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.device.internal.Pacer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedAndPacerTest {
  /** A clock that moves only when the pacer sleeps. */
  private long now;

  private final List<Long> sleeps = new ArrayList<>();

  private Pacer pacer(Speed speed) {
    return new Pacer(
        speed,
        () -> now,
        nanos -> {
          sleeps.add(nanos);
          now += nanos;
        });
  }

  @Test
  void parsesFactorsAndMax() {
    assertThat(Speed.parse("600x").factor()).isEqualTo(600);
    assertThat(Speed.parse("2.5").factor()).isEqualTo(2.5);
    assertThat(Speed.parse("MAX").isMax()).isTrue();
    assertThat(Speed.parse("600x")).hasToString("600x");
    assertThatThrownBy(() -> Speed.parse("fast")).hasMessageContaining("'fast'");
    assertThatThrownBy(() -> Speed.parse("0x")).hasMessageContaining("above 0");
  }

  @Test
  void holdsEachReadingUntilItsDatasetTimeDividedBySpeed() throws Exception {
    Pacer pacer = pacer(new Speed(600));
    Instant t0 = Instant.parse("2015-02-04T17:51:00Z");

    pacer.awaitDue(t0);
    pacer.awaitDue(t0.plusSeconds(600));
    long afterFirst = now;
    pacer.awaitDue(t0.plusSeconds(900));

    assertThat(afterFirst).isEqualTo(1_000_000_000L);
    assertThat(now).isEqualTo(1_500_000_000L);
  }

  @Test
  void doesNotWaitForReadingsAlreadyDue() throws Exception {
    Pacer pacer = pacer(new Speed(60));
    Instant t0 = Instant.parse("2015-02-04T17:51:00Z");
    pacer.awaitDue(t0);
    now += 10_000_000_000L;

    pacer.awaitDue(t0.plusSeconds(60));

    assertThat(sleeps).isEmpty();
  }

  @Test
  void neverWaitsAtMaxSpeed() throws Exception {
    Pacer pacer = pacer(Speed.MAX);

    pacer.awaitDue(Instant.EPOCH);
    pacer.awaitDue(Instant.EPOCH.plusSeconds(86_400));

    assertThat(sleeps).isEmpty();
  }
}
