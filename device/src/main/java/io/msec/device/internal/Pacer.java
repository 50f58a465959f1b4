package io.msec.device.internal;

import io.msec.device.replay.Speed;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Holds a replay to its speed: the reading observed at dataset time {@code t} is due {@code (t -
 * t0) / factor} of wall time after the first one.
 */
public final class Pacer {
  /** Waits for a number of nanoseconds. */
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final Speed speed;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private Instant firstTime;
  private long firstNanos;

  public Pacer(Speed speed, LongSupplier nanoTime, Sleeper sleeper) {
    this.speed = speed;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  /** A pacer on the system's clock. */
  public static Pacer system(Speed speed) {
    return new Pacer(
        speed,
        System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
  }

  /** Returns once the reading observed at {@code time} is due. */
  public void awaitDue(Instant time) throws InterruptedException {
    if (speed.isMax()) {
      return;
    }
    if (firstTime == null) {
      firstTime = time;
      firstNanos = nanoTime.getAsLong();
      return;
    }
    long due = firstNanos + wallNanos(Duration.between(firstTime, time));
    for (long left = due - nanoTime.getAsLong(); left > 0; left = due - nanoTime.getAsLong()) {
      sleeper.sleepNanos(Math.min(left, 1_000_000_000L));
    }
  }

  private long wallNanos(Duration datasetTime) {
    double nanos = datasetTime.toNanos() / speed.factor();
    return nanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) nanos;
  }
}
