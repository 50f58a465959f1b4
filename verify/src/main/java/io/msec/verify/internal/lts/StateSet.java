package io.msec.verify.internal.lts;

/** A set of packed composite states, numbered in insertion order. */
interface StateSet {
  /**
   * Adds {@code words} if absent and returns {@code ~index}; if present returns its index, or 0
   * when the set was created without keeping indices of known states.
   */
  int add(int[] words);

  /** Copies the words of state {@code index} into {@code out}. */
  void get(int index, int[] out);

  /** Number of states. */
  int size();

  /** Bytes held by the set's arrays. */
  long bytes();
}
