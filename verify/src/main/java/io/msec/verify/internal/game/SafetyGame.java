package io.msec.verify.internal.game;

import io.msec.verify.Lts;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Safety game: the controller must avoid the error state and deadlock (a state with no enabled
 * action that is not END). Computes the environment's attractor of the losing states in linear
 * time; the order in which states were attracted ranks them for the environment's strategy.
 */
public final class SafetyGame {
  final Arena arena;
  final int[] losingOrder;

  private SafetyGame(Arena arena, int[] losingOrder) {
    this.arena = arena;
    this.losingOrder = losingOrder;
  }

  /** Solves the game. */
  public static SafetyGame solve(Arena arena) {
    Lts lts = arena.lts;
    int n = lts.stateCount();
    int[] order = new int[n];
    Arrays.fill(order, -1);
    int[] count = new int[n];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    int[] next = {0};
    for (int s = 0; s < n; s++) {
      count[s] = lts.end(s) - lts.first(s);
      if (count[s] == 0 && !lts.isEnd(s)) {
        lose(s, order, next, queue);
        continue;
      }
      for (int t = lts.first(s); t < lts.end(s); t++) {
        if (lts.target(t) < 0 && order[s] < 0) {
          if (!arena.controllable(t) || --count[s] == 0) {
            lose(s, order, next, queue);
          }
        }
      }
    }
    while (!queue.isEmpty()) {
      int v = queue.poll();
      for (int i = arena.revOffsets[v]; i < arena.revOffsets[v + 1]; i++) {
        int u = arena.revSources[i];
        if (order[u] >= 0) {
          continue;
        }
        if (!arena.controllable(arena.revEdges[i]) || --count[u] == 0) {
          lose(u, order, next, queue);
        }
      }
    }
    return new SafetyGame(arena, order);
  }

  private static void lose(int s, int[] order, int[] next, ArrayDeque<Integer> queue) {
    order[s] = next[0]++;
    queue.add(s);
  }

  /** Whether the controller can keep {@code state} safe forever. */
  public boolean winning(int state) {
    return losingOrder[state] < 0;
  }

  /** Winning region as a boolean array. */
  public boolean[] region() {
    boolean[] out = new boolean[losingOrder.length];
    for (int s = 0; s < out.length; s++) {
      out[s] = losingOrder[s] < 0;
    }
    return out;
  }

  /** Attraction order of a losing state (lower was lost earlier), or -1 when winning. */
  public int losingOrder(int state) {
    return losingOrder[state];
  }
}
