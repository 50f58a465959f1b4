package io.msec.verify.internal.game;

import io.msec.verify.Lts;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Controller synthesis on an explicit arena: solves the safety game, then the liveness or
 * reachability game if one is asked for, and builds the controller as an LTS (the plant restricted
 * to what the controller allows), or describes how the environment wins.
 */
public final class Synthesis {
  /**
   * Outcome of synthesis.
   *
   * @param realisable whether the controller wins from the initial state
   * @param controller the controller LTS when realisable, else null
   * @param counterPlay how the environment wins, step by step, when unrealisable
   * @param winningStates size of the winning region
   */
  public record Outcome(
      boolean realisable, Lts controller, List<String> counterPlay, int winningStates) {}

  private Synthesis() {}

  /** Goals are action names; an empty liveness and reach means safety only. */
  public static Outcome run(
      Lts arenaLts,
      String name,
      Collection<String> controllable,
      Collection<String> liveness,
      Collection<String> assumption,
      Collection<String> reach) {
    Arena arena = new Arena(arenaLts, ids(arenaLts, controllable));
    SafetyGame safety = SafetyGame.solve(arena);
    boolean[] safe = safety.region();
    if (!safe[0]) {
      return new Outcome(false, null, CounterPlay.safety(arena, safety), count(safe));
    }
    if (liveness.isEmpty() && reach.isEmpty()) {
      return new Outcome(
          true, restrict(arena, name, (s, t) -> safe[arenaLts.target(t)]), List.of(), count(safe));
    }
    LivenessGame game;
    if (!reach.isEmpty()) {
      game = LivenessGame.reach(arena, safe, ids(arenaLts, reach));
    } else {
      BitSet assumed = ids(arenaLts, assumption);
      if (assumption.isEmpty()) {
        assumed.set(0, arenaLts.actionCount());
      }
      game = LivenessGame.buchi(arena, safe, ids(arenaLts, liveness), assumed);
    }
    boolean[] win = game.region();
    if (!win[0]) {
      return new Outcome(false, null, CounterPlay.liveness(arena, win, game), count(win));
    }
    Lts controller =
        reach.isEmpty() ? restrict(arena, name, game::allowed) : twoPhase(arena, name, game, safe);
    return new Outcome(true, controller, List.of(), count(win));
  }

  private interface Allowed {
    boolean test(int s, int t);
  }

  private static Lts restrict(Arena arena, String name, Allowed allowed) {
    Lts lts = arena.lts;
    Lts.Builder b = builder(lts, name);
    Set<Integer> seen = new HashSet<>(List.of(0));
    ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(0));
    while (!todo.isEmpty()) {
      int s = todo.poll();
      if (lts.isEnd(s)) {
        b.end(s);
      }
      for (int t = lts.first(s); t < lts.end(s); t++) {
        int v = lts.target(t);
        if (v >= 0 && allowed.test(s, t)) {
          b.transition(s, lts.label(t), v);
          if (seen.add(v)) {
            todo.add(v);
          }
        }
      }
    }
    return b.build(0);
  }

  /** Before the goal: the rank strategy; after it: any safe move. States are (s, phase). */
  private static Lts twoPhase(Arena arena, String name, LivenessGame game, boolean[] safe) {
    Lts lts = arena.lts;
    Lts.Builder b = builder(lts, name);
    Map<Long, Integer> ids = new HashMap<>();
    ArrayDeque<long[]> todo = new ArrayDeque<>();
    ids.put(0L, b.addState());
    todo.add(new long[] {0, 0});
    while (!todo.isEmpty()) {
      long[] cur = todo.poll();
      int s = (int) cur[0];
      int phase = (int) cur[1];
      int from = ids.get(s * 2L + phase);
      for (int t = lts.first(s); t < lts.end(s); t++) {
        int v = lts.target(t);
        boolean ok = phase == 0 ? game.allowed(s, t) : v >= 0 && safe[v];
        if (!ok) {
          continue;
        }
        int nextPhase = phase == 1 || game.marks(t) ? 1 : 0;
        long key = v * 2L + nextPhase;
        Integer to = ids.get(key);
        if (to == null) {
          to = b.addState();
          ids.put(key, to);
          todo.add(new long[] {v, nextPhase});
        }
        b.transition(from, lts.label(t), to);
      }
    }
    return b.build(0);
  }

  private static Lts.Builder builder(Lts lts, String name) {
    Lts.Builder b = Lts.builder(name);
    for (int a = 0; a < lts.actionCount(); a++) {
      b.action(lts.actionName(a));
    }
    lts.alphabet().forEach(b::alphabet);
    return b;
  }

  private static BitSet ids(Lts lts, Collection<String> names) {
    BitSet out = new BitSet();
    for (int a = 0; a < lts.actionCount(); a++) {
      if (names.contains(lts.actionName(a))) {
        out.set(a);
      }
    }
    return out;
  }

  private static int count(boolean[] region) {
    int n = 0;
    for (boolean b : region) {
      n += b ? 1 : 0;
    }
    return n;
  }
}
