package io.msec.market.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.core.DidKey;
import io.msec.core.Identity;
import io.msec.market.client.Budget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The loop that steps a smart object on a clock. */
class StepLoopTest {
  @Test
  void stepsAtTheTimeOfItsClockAndGoesOnAfterAStepThatFailed() throws Exception {
    Instant now = Instant.parse("2026-12-04T18:00:00Z");
    Counting object = new Counting(3);

    try (StepLoop loop =
        StepLoop.start(object, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMillis(5))) {
      assertThat(object.third.await(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(object.times).hasSizeGreaterThanOrEqualTo(3).allMatch(now::equals);
  }

  /** Counts its steps; the first one throws. */
  private static final class Counting implements SmartObject {
    final List<Instant> times = new CopyOnWriteArrayList<>();
    final CountDownLatch third;
    private final DidKey id = Identity.generate().did();

    Counting(int steps) {
      this.third = new CountDownLatch(steps);
    }

    @Override
    public DidKey id() {
      return id;
    }

    @Override
    public DidKey owner() {
      return id;
    }

    @Override
    public Budget budget() {
      return new Budget(0, 0);
    }

    @Override
    public void step(Instant at) {
      times.add(at);
      third.countDown();
      if (times.size() == 1) {
        throw new IllegalStateException("the first step fails");
      }
    }

    @Override
    public String status() {
      return "counting";
    }

    @Override
    public void close() {}
  }
}
