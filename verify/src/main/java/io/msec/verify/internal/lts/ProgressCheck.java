package io.msec.verify.internal.lts;

import io.msec.verify.Lts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/** Finds, for each progress set, a terminal set of states that never performs its actions. */
public final class ProgressCheck {
  /**
   * A starved progress set.
   *
   * @param name the progress declaration
   * @param actions its actions
   * @param entry the lowest-numbered state of the terminal set (shortest to reach in BFS order)
   * @param cycle actions performed inside the terminal set
   * @param size states in the terminal set
   */
  public record Starved(
      String name, List<String> actions, int entry, List<String> cycle, int size) {}

  private ProgressCheck() {}

  /** Checks every set against every terminal component of {@code lts}. */
  public static List<Starved> check(Lts lts, Map<String, List<String>> sets) {
    Scc scc = Scc.of(lts);
    boolean[] terminal = scc.terminal(lts);
    int[] entry = new int[scc.count()];
    int[] size = new int[scc.count()];
    Arrays.fill(entry, Integer.MAX_VALUE);
    BitSet[] inside = new BitSet[scc.count()];
    for (int s = 0; s < lts.stateCount(); s++) {
      int c = scc.of(s);
      if (!terminal[c]) {
        continue;
      }
      entry[c] = Math.min(entry[c], s);
      size[c]++;
      if (inside[c] == null) {
        inside[c] = new BitSet();
      }
      for (int t = lts.first(s); t < lts.end(s); t++) {
        inside[c].set(lts.label(t));
      }
    }
    Integer[] order = new Integer[scc.count()];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(entry[a], entry[b]));
    List<Starved> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> set : sets.entrySet()) {
      for (int c : order) {
        if (terminal[c] && !serves(lts, inside[c], set.getValue())) {
          out.add(
              new Starved(set.getKey(), set.getValue(), entry[c], names(lts, inside[c]), size[c]));
          break;
        }
      }
    }
    return out;
  }

  private static boolean serves(Lts lts, BitSet inside, List<String> actions) {
    for (int a = inside.nextSetBit(0); a >= 0; a = inside.nextSetBit(a + 1)) {
      if (actions.contains(lts.actionName(a))) {
        return true;
      }
    }
    return false;
  }

  private static List<String> names(Lts lts, BitSet ids) {
    List<String> out = new ArrayList<>();
    ids.stream().forEach(a -> out.add(lts.actionName(a)));
    return out;
  }
}
