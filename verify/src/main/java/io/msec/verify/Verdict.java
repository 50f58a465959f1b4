package io.msec.verify;

/** Outcome of a check. */
public enum Verdict {
  /** The property holds. */
  PASS,
  /** A reachable state has no transition and has not terminated (END). */
  DEADLOCK,
  /** A property is violated: the error state is reachable, or a progress set is starved. */
  VIOLATION
}
