package io.msec.verify.internal.game;

import io.msec.verify.Lts;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Liveness games inside a safe region. {@link #buchi}: some {@code marked} action occurs infinitely
 * often, unless the environment performs {@code assumed} actions only finitely often (a one-pair
 * GR(1) condition; with no assumption it is plain Büchi). {@link #reach}: a marked action occurs
 * once. Both yield a rank per winning state: the controller allows only edges that lower the rank,
 * perform a marked action, or (GR(1)) stay put without an assumed action.
 */
public final class LivenessGame {
  final Arena arena;
  final boolean[] win;
  final int[] rank;
  final BitSet marked;
  final BitSet assumed;
  final boolean[] safe;
  final boolean reachability;

  private LivenessGame(
      Arena arena,
      boolean[] safe,
      boolean[] win,
      int[] rank,
      BitSet marked,
      BitSet assumed,
      boolean reachability) {
    this.arena = arena;
    this.reachability = reachability;
    this.safe = safe;
    this.win = win;
    this.rank = rank;
    this.marked = marked;
    this.assumed = assumed;
  }

  // Limitation: a plain nested fixpoint, recomputing cpre over all states in every round.
  /** GR(1)-lite: {@code assumed} infinitely often implies {@code marked} infinitely often. */
  public static LivenessGame buchi(Arena arena, boolean[] safe, BitSet marked, BitSet assumed) {
    int n = arena.lts.stateCount();
    boolean[] z = safe.clone();
    int[] rank = new int[n];
    while (true) {
      Arrays.fill(rank, Integer.MAX_VALUE);
      boolean[] y = new boolean[n];
      for (int layer = 1; ; layer++) {
        boolean[] x = z.clone();
        boolean changed = true;
        while (changed) {
          changed = false;
          for (int s = 0; s < n; s++) {
            if (x[s] && !cpre(arena, s, z, y, x, marked, assumed)) {
              x[s] = false;
              changed = true;
            }
          }
        }
        boolean grew = false;
        for (int s = 0; s < n; s++) {
          if (x[s] && !y[s]) {
            y[s] = true;
            rank[s] = layer;
            grew = true;
          }
        }
        if (!grew) {
          break;
        }
      }
      if (Arrays.equals(y, z)) {
        return new LivenessGame(arena, safe, z, rank, marked, assumed, false);
      }
      z = y;
    }
  }

  /** Reachability of a marked action, staying safe before and after it. */
  public static LivenessGame reach(Arena arena, boolean[] safe, BitSet marked) {
    int n = arena.lts.stateCount();
    boolean[] y = new boolean[n];
    int[] rank = new int[n];
    Arrays.fill(rank, Integer.MAX_VALUE);
    BitSet all = new BitSet();
    all.set(0, arena.lts.actionCount());
    for (int layer = 1; ; layer++) {
      boolean[] next = y.clone();
      for (int s = 0; s < n; s++) {
        if (!y[s] && safe[s] && cpre(arena, s, safe, y, new boolean[n], marked, all)) {
          next[s] = true;
          rank[s] = layer;
        }
      }
      if (Arrays.equals(next, y)) {
        return new LivenessGame(arena, safe, y, rank, marked, all, true);
      }
      y = next;
    }
  }

  /**
   * Whether every uncontrollable edge of {@code s} is good and the controller has a good edge of
   * its own; only where it has no controllable edge at all does it rely on the environment to move
   * (along a good edge). The environment is never forced to act for the controller.
   */
  private static boolean cpre(
      Arena a, int s, boolean[] z, boolean[] y, boolean[] x, BitSet marked, BitSet assumed) {
    Lts lts = a.lts;
    boolean anyGood = false;
    boolean ownEdge = false;
    boolean ownGood = false;
    for (int t = lts.first(s); t < lts.end(s); t++) {
      boolean good = good(lts, t, z, y, x, marked, assumed);
      if (!a.controllable(t)) {
        if (!good) {
          return false;
        }
        anyGood = true;
      } else {
        ownEdge = true;
        ownGood |= good;
      }
    }
    return ownEdge ? ownGood : anyGood;
  }

  private static boolean good(
      Lts lts, int t, boolean[] z, boolean[] y, boolean[] x, BitSet marked, BitSet assumed) {
    int v = lts.target(t);
    if (v < 0) {
      return false;
    }
    int a = lts.label(t);
    return marked.get(a) && z[v] || y[v] || !assumed.get(a) && x[v];
  }

  /** Whether the controller wins from {@code state}. */
  public boolean winning(int state) {
    return win[state];
  }

  /** Winning region. */
  public boolean[] region() {
    return win.clone();
  }

  /**
   * Whether transition {@code t} of winning state {@code s} is allowed by the rank strategy. For
   * reachability this is the strategy before the goal; a marked action ends that phase.
   */
  public boolean allowed(int s, int t) {
    int v = arena.lts.target(t);
    if (v < 0) {
      return false;
    }
    int a = arena.lts.label(t);
    if (reachability) {
      return marked.get(a) && safe[v] || win[v] && rank[v] < rank[s];
    }
    return win[v] && (marked.get(a) || rank[v] < rank[s] || !assumed.get(a) && rank[v] <= rank[s]);
  }

  /** Whether {@code t} performs a marked action. */
  public boolean marks(int t) {
    return marked.get(arena.lts.label(t));
  }
}
