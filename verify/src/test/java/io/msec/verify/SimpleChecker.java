package io.msec.verify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately simple second checker, used as an oracle: it builds every tuple of component
 * states, computes the product's transitions tuple by tuple with strings and collections, then
 * searches the reachable part. It shares no code with the real checker.
 */
final class SimpleChecker {
  static final int ERROR = -1;

  /** A component: transitions per state (action, target), state 0 initial. */
  record Component(List<List<Edge>> states, boolean property) {}

  record Edge(String action, int target) {}

  record Result(int states, int transitions, boolean error, int errorDepth, boolean deadlock) {}

  private SimpleChecker() {}

  static Result check(List<Component> comps, Set<String> hidden) {
    List<Component> complete = new ArrayList<>();
    List<Set<String>> alphabets = new ArrayList<>();
    for (Component raw : comps) {
      Component c = oneStop(raw);
      Set<String> alpha = reachableAlphabet(c);
      alphabets.add(alpha);
      complete.add(c.property() ? completed(c, alpha) : c);
    }
    Map<List<Integer>, Set<List<Object>>> graph = new HashMap<>();
    for (List<Integer> tuple : allTuples(complete)) {
      graph.put(tuple, successors(complete, alphabets, tuple, hidden));
    }
    return search(graph, comps.size());
  }

  /** FSP has a single STOP state per process: every state without transitions is the same. */
  private static Component oneStop(Component c) {
    int stop = -2;
    for (int s = 0; s < c.states().size() && stop < 0; s++) {
      if (c.states().get(s).isEmpty()) {
        stop = s;
      }
    }
    List<List<Edge>> states = new ArrayList<>();
    for (List<Edge> row : c.states()) {
      List<Edge> out = new ArrayList<>();
      for (Edge e : row) {
        boolean dead = e.target() >= 0 && c.states().get(e.target()).isEmpty();
        Edge n = new Edge(e.action(), dead ? stop : e.target());
        if (!out.contains(n)) {
          out.add(n);
        }
      }
      states.add(out);
    }
    return new Component(states, c.property());
  }

  private static Set<String> reachableAlphabet(Component c) {
    Set<String> alpha = new HashSet<>();
    Set<Integer> seen = new HashSet<>(List.of(0));
    ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(0));
    while (!todo.isEmpty()) {
      for (Edge e : c.states().get(todo.pop())) {
        alpha.add(e.action());
        if (e.target() != ERROR && seen.add(e.target())) {
          todo.add(e.target());
        }
      }
    }
    return alpha;
  }

  private static Component completed(Component c, Set<String> alpha) {
    List<List<Edge>> states = new ArrayList<>();
    for (List<Edge> row : c.states()) {
      List<Edge> out = new ArrayList<>(row);
      for (String a : alpha) {
        if (row.stream().noneMatch(e -> e.action().equals(a))) {
          out.add(new Edge(a, ERROR));
        }
      }
      states.add(out);
    }
    return new Component(states, true);
  }

  private static List<List<Integer>> allTuples(List<Component> comps) {
    List<List<Integer>> out = new ArrayList<>(List.of(List.of()));
    for (Component c : comps) {
      List<List<Integer>> next = new ArrayList<>();
      for (List<Integer> prefix : out) {
        for (int s = 0; s < c.states().size(); s++) {
          List<Integer> t = new ArrayList<>(prefix);
          t.add(s);
          next.add(t);
        }
      }
      out = next;
    }
    return out;
  }

  /** Successors as (label, tuple-or-null-for-ERROR) pairs. */
  private static Set<List<Object>> successors(
      List<Component> comps, List<Set<String>> alphabets, List<Integer> tuple, Set<String> hidden) {
    Set<String> actions = new HashSet<>();
    alphabets.forEach(actions::addAll);
    Set<List<Object>> out = new HashSet<>();
    for (String a : actions) {
      List<List<Integer>> targets = new ArrayList<>(List.of(new ArrayList<>(tuple)));
      for (int c = 0; c < comps.size(); c++) {
        if (!alphabets.get(c).contains(a)) {
          continue;
        }
        List<List<Integer>> next = new ArrayList<>();
        for (Edge e : comps.get(c).states().get(tuple.get(c))) {
          if (e.action().equals(a)) {
            for (List<Integer> t : targets) {
              List<Integer> u = new ArrayList<>(t);
              u.set(c, e.target());
              next.add(u);
            }
          }
        }
        targets = next;
      }
      String label = hidden.contains(a) ? "tau" : a;
      for (List<Integer> t : targets) {
        out.add(Arrays.asList(label, t.contains(ERROR) ? null : t));
      }
    }
    return out;
  }

  private static Result search(Map<List<Integer>, Set<List<Object>>> graph, int k) {
    List<Integer> init = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      init.add(0);
    }
    Map<List<Integer>, Integer> depth = new HashMap<>(Map.of(init, 0));
    ArrayDeque<List<Integer>> todo = new ArrayDeque<>(List.of(init));
    int transitions = 0;
    int errorDepth = -1;
    boolean deadlock = false;
    while (!todo.isEmpty()) {
      List<Integer> s = todo.pop();
      Set<List<Object>> succ = graph.get(s);
      transitions += succ.size();
      deadlock |= succ.isEmpty();
      for (List<Object> edge : succ) {
        @SuppressWarnings("unchecked")
        List<Integer> t = (List<Integer>) edge.get(1);
        if (t == null) {
          errorDepth = errorDepth < 0 ? depth.get(s) + 1 : Math.min(errorDepth, depth.get(s) + 1);
        } else if (!depth.containsKey(t)) {
          depth.put(t, depth.get(s) + 1);
          todo.add(t);
        }
      }
    }
    return new Result(depth.size(), transitions, errorDepth >= 0, errorDepth, deadlock);
  }
}
