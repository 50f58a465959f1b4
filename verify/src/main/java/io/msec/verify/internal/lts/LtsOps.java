package io.msec.verify.internal.lts;

import io.msec.verify.Lts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Structural operations on a single LTS: relabelling, labelling, hiding, property completion. */
public final class LtsOps {
  private LtsOps() {}

  /** Whether {@code action} is {@code prefix} or starts with {@code prefix + "."}. */
  public static boolean matches(String action, String prefix) {
    return action.equals(prefix)
        || action.length() > prefix.length()
            && action.startsWith(prefix)
            && action.charAt(prefix.length()) == '.';
  }

  /** Renames every action through {@code f}; an empty list drops it, "tau" hides it. */
  public static Lts map(Lts lts, String name, Function<String, List<String>> f) {
    Lts.Builder b = Lts.builder(name).property(lts.isProperty());
    b.states(lts.stateCount());
    List<List<Integer>> ids = new ArrayList<>();
    for (int a = 0; a < lts.actionCount(); a++) {
      List<Integer> out = new ArrayList<>();
      for (String n : a == Lts.TAU ? List.of("tau") : f.apply(lts.actionName(a))) {
        out.add(b.action(n));
      }
      ids.add(out);
    }
    for (int a : lts.alphabetIds()) {
      for (String n : f.apply(lts.actionName(a))) {
        if (!n.equals("tau")) {
          b.alphabet(n);
        }
      }
    }
    for (int s = 0; s < lts.stateCount(); s++) {
      if (lts.isEnd(s)) {
        b.end(s);
      }
      for (int t = lts.first(s); t < lts.end(s); t++) {
        for (int id : ids.get(lts.label(t))) {
          b.transition(s, id, lts.target(t));
        }
      }
    }
    return b.build(0);
  }

  /** Applies relabelling pairs {@code old -> news} by prefix, first matching pair wins. */
  public static Lts relabel(Lts lts, Map<String, List<String>> oldToNew) {
    if (oldToNew.isEmpty()) {
      return lts;
    }
    return map(
        lts,
        lts.name(),
        a -> {
          for (Map.Entry<String, List<String>> e : oldToNew.entrySet()) {
            if (matches(a, e.getKey())) {
              String rest = a.substring(e.getKey().length());
              return e.getValue().stream().map(n -> n + rest).toList();
            }
          }
          return List.of(a);
        });
  }

  /** Prefixes every action with each of {@code prefixes} ({@code a:P} or {@code {a,b}::P}). */
  public static Lts prefix(Lts lts, String name, Collection<String> prefixes) {
    return map(lts, name, a -> prefixes.stream().map(p -> p + "." + a).toList());
  }

  /** Hides matching actions, or with {@code keepOnly} hides all others. */
  public static Lts hide(Lts lts, Collection<String> set, boolean keepOnly) {
    return map(
        lts,
        lts.name(),
        a -> {
          boolean hit = set.stream().anyMatch(p -> matches(a, p));
          return List.of(hit != keepOnly ? "tau" : a);
        });
  }

  /** Adds actions to the alphabet without adding transitions. */
  public static Lts extend(Lts lts, Collection<String> actions) {
    if (actions.isEmpty()) {
      return lts;
    }
    Lts.Builder b = copy(lts, lts.name());
    actions.forEach(b::alphabet);
    return b.build(0);
  }

  /**
   * Completes a property: in every state, each alphabet action without a transition leads to ERROR,
   * so the property never blocks and any behaviour it does not allow is an error.
   */
  public static Lts property(Lts lts) {
    Lts.Builder b = copy(lts, lts.name()).property(true);
    int[] alpha = lts.alphabetIds();
    for (int s = 0; s < lts.stateCount(); s++) {
      for (int a : alpha) {
        boolean has = false;
        for (int t = lts.first(s); t < lts.end(s) && !has; t++) {
          has = lts.label(t) == a;
        }
        if (!has) {
          b.transition(s, lts.actionName(a), Lts.ERROR);
        }
      }
    }
    return b.build(0);
  }

  /** A builder holding a copy of {@code lts}, with the same action ids. */
  public static Lts.Builder copy(Lts lts, String name) {
    Lts.Builder b = Lts.builder(name).property(lts.isProperty());
    for (int a = 0; a < lts.actionCount(); a++) {
      b.action(lts.actionName(a));
    }
    for (int a : lts.alphabetIds()) {
      b.alphabet(lts.actionName(a));
    }
    b.states(lts.stateCount());
    for (int s = 0; s < lts.stateCount(); s++) {
      if (lts.isEnd(s)) {
        b.end(s);
      }
      for (int t = lts.first(s); t < lts.end(s); t++) {
        b.transition(s, lts.label(t), lts.target(t));
      }
    }
    return b;
  }
}
