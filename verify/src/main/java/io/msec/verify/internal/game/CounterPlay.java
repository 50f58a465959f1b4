package io.msec.verify.internal.game;

import io.msec.verify.Lts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Describes, step by step, how the environment defeats every controller. */
final class CounterPlay {
  private CounterPlay() {}

  /**
   * A play of the environment's attractor strategy: it takes an uncontrollable action towards the
   * error state or deadlock when it has one; otherwise every action the controller could allow
   * already loses.
   */
  static List<String> safety(Arena arena, SafetyGame game) {
    Lts lts = arena.lts;
    List<String> out = new ArrayList<>();
    int s = 0;
    while (true) {
      if (lts.first(s) == lts.end(s)) {
        out.add("deadlock: no action is possible");
        return out;
      }
      int env = -1;
      int forced = -1;
      for (int t = lts.first(s); t < lts.end(s); t++) {
        if (closer(game, s, t) && (!arena.controllable(t))) {
          env = better(game, lts, env, t);
        }
        if (closer(game, s, t)) {
          forced = better(game, lts, forced, t);
        }
      }
      int t = env >= 0 ? env : forced;
      String a = lts.actionName(lts.label(t));
      out.add(env >= 0 ? "environment: " + a : "controller must allow (all choices lose): " + a);
      if (lts.target(t) < 0) {
        out.add("ERROR: a safety property is violated");
        return out;
      }
      s = lts.target(t);
    }
  }

  private static boolean closer(SafetyGame game, int s, int t) {
    int v = game.arena.lts.target(t);
    return v < 0 || game.losingOrder(v) >= 0 && game.losingOrder(v) < game.losingOrder(s);
  }

  private static int better(SafetyGame game, Lts lts, int best, int t) {
    if (best < 0) {
      return t;
    }
    int v = lts.target(t);
    int w = lts.target(best);
    if (w < 0) {
      return best;
    }
    return v < 0 || game.losingOrder(v) < game.losingOrder(w) ? t : best;
  }

  /**
   * A lasso inside the losing region: the environment moves when it can, otherwise the controller's
   * move is shown, until a state repeats. An illustration of the environment's counter-strategy,
   * not a proof.
   */
  static List<String> liveness(Arena arena, boolean[] win, LivenessGame game) {
    Lts lts = arena.lts;
    List<String> out = new ArrayList<>();
    Map<Integer, Integer> visited = new HashMap<>();
    int s = 0;
    while (!visited.containsKey(s)) {
      visited.put(s, out.size());
      int pick = -1;
      for (int t = lts.first(s); t < lts.end(s); t++) {
        int v = lts.target(t);
        if (v >= 0 && !win[v] && (pick < 0 || !arena.controllable(t) && arena.controllable(pick))) {
          pick = t;
        }
      }
      if (pick < 0) {
        out.add("stuck: every remaining move is unsafe or impossible");
        return out;
      }
      String who = arena.controllable(pick) ? "controller: " : "environment: ";
      out.add(who + lts.actionName(lts.label(pick)));
      s = lts.target(pick);
    }
    out.add("repeats from step " + (visited.get(s) + 1) + " without reaching the goal");
    return out;
  }
}
