package io.msec.verify.internal.game;

import io.msec.verify.Lts;
import java.util.BitSet;

/**
 * A game on an explicit LTS: the controller may disable controllable actions; any enabled action
 * may then occur, uncontrollable ones at any time. Reverse edges are precomputed for backward
 * fixpoints.
 */
public final class Arena {
  final Lts lts;
  final BitSet controllable;
  final int[] revOffsets;
  final int[] revSources;
  final int[] revEdges;

  /** An arena over {@code lts}; {@code controllable} holds action ids of {@code lts}. */
  public Arena(Lts lts, BitSet controllable) {
    this.lts = lts;
    this.controllable = controllable;
    int n = lts.stateCount();
    revOffsets = new int[n + 1];
    for (int t = 0; t < lts.transitionCount(); t++) {
      if (lts.target(t) >= 0) {
        revOffsets[lts.target(t) + 1]++;
      }
    }
    for (int s = 0; s < n; s++) {
      revOffsets[s + 1] += revOffsets[s];
    }
    revSources = new int[revOffsets[n]];
    revEdges = new int[revOffsets[n]];
    int[] fill = java.util.Arrays.copyOf(revOffsets, n);
    for (int s = 0; s < n; s++) {
      for (int t = lts.first(s); t < lts.end(s); t++) {
        int v = lts.target(t);
        if (v >= 0) {
          revSources[fill[v]] = s;
          revEdges[fill[v]++] = t;
        }
      }
    }
  }

  /** The underlying LTS. */
  public Lts lts() {
    return lts;
  }

  boolean controllable(int t) {
    return controllable.get(lts.label(t));
  }
}
