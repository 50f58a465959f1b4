package io.msec.verify;

/**
 * Told how far a state-space exploration has got, every few tens of thousands of states. Calls come
 * from the exploring thread; implementations should return quickly.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores all reports. */
  ProgressListener NONE = (states, transitions) -> {};

  /** Reports the states stored and transitions generated so far. */
  void explored(long states, long transitions);
}
