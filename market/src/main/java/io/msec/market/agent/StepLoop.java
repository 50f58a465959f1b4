package io.msec.market.agent;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link SmartObject#step} every {@code period} on a thread of its own, the first time at
 * once, passing the time of {@code clock}; {@link #close()} stops it. A step that throws is logged
 * and the loop goes on.
 */
public final class StepLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StepLoop.class);

  private final SmartObject object;
  private final Clock clock;
  private final Duration period;
  private final Thread thread;
  private volatile boolean stopped;

  private StepLoop(SmartObject object, Clock clock, Duration period) {
    this.object = object;
    this.clock = clock;
    this.period = period;
    this.thread = new Thread(this::run, "msec-smart-object");
    this.thread.setDaemon(true);
  }

  /** Starts stepping {@code object} every {@code period} on {@code clock}. */
  public static StepLoop start(SmartObject object, Clock clock, Duration period) {
    Objects.requireNonNull(object, "object");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a step period is above zero");
    }
    StepLoop loop = new StepLoop(object, clock, period);
    loop.thread.start();
    LOG.info("smart object loop started object={} periodMillis={}", object.id(), period.toMillis());
    return loop;
  }

  private void run() {
    while (!stopped) {
      try {
        object.step(clock.instant());
      } catch (RuntimeException e) {
        LOG.warn("smart object step failed object={} error={}", object.id(), e.toString());
      }
      try {
        Thread.sleep(period.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops the loop after the step under way; does not close the object. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
