package io.msec.verify.internal.lts;

import io.msec.verify.Lts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parallel composition of component LTSs, explored lazily: a composite state is the tuple of
 * component states, and shared actions synchronise every component whose alphabet holds them. The
 * silent action never synchronises. A top-level {@link LabelMap} renames the composite's actions
 * after synchronisation.
 */
public final class Product {
  /** Receives each successor of a composite state. */
  interface Sink {
    /**
     * One transition on global action {@code action}; {@code words} is the packed successor, or
     * null when it is the error state, in which case {@code errorComponent} is a component that
     * reached ERROR.
     */
    void edge(int action, int[] words, int errorComponent);
  }

  final String name;
  final Lts[] comps;
  final String[] actions;
  final int[][] outLabels;
  final String[] outNames;
  final StateCodec codec;
  private final int[][] off;
  private final int[][] act;
  private final int[][] tgt;
  private final int[][] owners;
  private final boolean onlyProperties;

  /** Composes {@code comps} and renames their actions through {@code top}. */
  public Product(String name, List<Lts> comps, LabelMap top) {
    this.name = name;
    this.comps = comps.toArray(Lts[]::new);
    this.onlyProperties = comps.stream().allMatch(Lts::isProperty);
    int k = this.comps.length;
    Map<String, Integer> ids = new LinkedHashMap<>();
    ids.put("tau", Lts.TAU);
    List<List<Integer>> own = new ArrayList<>();
    own.add(new ArrayList<>());
    int[][] local = new int[k][];
    for (int c = 0; c < k; c++) {
      Lts l = this.comps[c];
      local[c] = new int[l.actionCount()];
      for (int a = 1; a < l.actionCount(); a++) {
        local[c][a] = ids.computeIfAbsent(l.actionName(a), x -> ids.size());
        while (own.size() < ids.size()) {
          own.add(new ArrayList<>());
        }
      }
      for (int a : l.alphabetIds()) {
        own.get(local[c][a]).add(c);
      }
    }
    actions = ids.keySet().toArray(String[]::new);
    owners = new int[actions.length][];
    for (int a = 0; a < actions.length; a++) {
      owners[a] = own.get(a).stream().mapToInt(Integer::intValue).toArray();
    }
    off = new int[k][];
    act = new int[k][];
    tgt = new int[k][];
    int[] counts = new int[k];
    for (int c = 0; c < k; c++) {
      flatten(c, local[c]);
      counts[c] = this.comps[c].stateCount();
    }
    codec = new StateCodec(counts);
    Map<String, Integer> outIds = new LinkedHashMap<>();
    outIds.put("tau", Lts.TAU);
    if (top.isIdentity()) {
      outLabels = null;
      outNames = actions;
    } else {
      outLabels = new int[actions.length][];
      for (int a = 0; a < actions.length; a++) {
        outLabels[a] =
            top.apply(actions[a]).stream()
                .mapToInt(n -> outIds.computeIfAbsent(n, x -> outIds.size()))
                .toArray();
      }
      outNames = outIds.keySet().toArray(String[]::new);
    }
  }

  private void flatten(int c, int[] local) {
    Lts l = comps[c];
    int n = l.stateCount();
    off[c] = new int[n + 1];
    act[c] = new int[l.transitionCount()];
    tgt[c] = new int[l.transitionCount()];
    int e = 0;
    for (int s = 0; s < n; s++) {
      long[] row = new long[l.end(s) - l.first(s)];
      for (int t = l.first(s); t < l.end(s); t++) {
        row[t - l.first(s)] = ((long) local[l.label(t)] << 32) | (l.target(t) + 1L);
      }
      java.util.Arrays.sort(row);
      for (long r : row) {
        act[c][e] = (int) (r >>> 32);
        tgt[c][e++] = (int) r - 1;
      }
      off[c][s + 1] = e;
    }
  }

  /** Number of components. */
  public int size() {
    return comps.length;
  }

  /** Names of the actions after the top-level label map; index 0 is tau. */
  public String[] outputActions() {
    return outNames.clone();
  }

  /**
   * Whether the composite has terminated: every component is in an END state, properties excepted
   * (they only observe) unless the composite consists of properties alone.
   */
  boolean isEnd(int[] states) {
    for (int c = 0; c < comps.length; c++) {
      boolean exempt = comps[c].isProperty() && !onlyProperties;
      if (!exempt && !comps[c].isEnd(states[c])) {
        return false;
      }
    }
    return true;
  }

  /** Enumerates the successors of the composite state {@code cur} (packed as {@code words}). */
  void successors(int[] cur, int[] words, int[] scratch, Sink sink) {
    int w = codec.words();
    for (int i = 0; i < comps.length; i++) {
      int s = cur[i];
      int[] ai = act[i];
      int[] ti = tgt[i];
      for (int t = off[i][s], e = off[i][s + 1]; t < e; t++) {
        int a = ai[t];
        int[] own = owners[a];
        if (a != Lts.TAU && own[0] != i) {
          continue;
        }
        int tg = ti[t];
        System.arraycopy(words, 0, scratch, 0, w);
        if (tg != Lts.ERROR) {
          codec.set(scratch, i, tg);
        }
        int err = tg == Lts.ERROR ? i : -1;
        if (a == Lts.TAU || own.length == 1) {
          sink.edge(a, err >= 0 ? null : scratch, err);
        } else {
          sync(cur, a, own, 1, scratch, err, sink);
        }
      }
    }
  }

  private void sync(int[] cur, int a, int[] own, int idx, int[] words, int err, Sink sink) {
    if (idx == own.length) {
      sink.edge(a, err >= 0 ? null : words, err);
      return;
    }
    int c = own[idx];
    int s = cur[c];
    int[] ac = act[c];
    int end = off[c][s + 1];
    int t = off[c][s];
    while (t < end && ac[t] < a) {
      t++;
    }
    for (; t < end && ac[t] == a; t++) {
      int tg = tgt[c][t];
      if (tg == Lts.ERROR) {
        sync(cur, a, own, idx + 1, words, err >= 0 ? err : c, sink);
      } else {
        codec.set(words, c, tg);
        sync(cur, a, own, idx + 1, words, err, sink);
        codec.set(words, c, s);
      }
    }
  }

  /** Component names, for messages. */
  public List<String> componentNames() {
    List<String> out = new ArrayList<>();
    for (Lts l : comps) {
      out.add(l.name());
    }
    return out;
  }

  /** Whether a top-level relabelling or hiding renames the composite's actions. */
  public boolean isRenaming() {
    return outLabels != null;
  }

  /** The components, in composition order. */
  public List<Lts> componentList() {
    return List.of(comps);
  }

  /** Components by name (later duplicates win), for tests and diagnostics. */
  public Map<String, Lts> components() {
    Map<String, Lts> out = new HashMap<>();
    for (Lts l : comps) {
      out.put(l.name(), l);
    }
    return out;
  }
}
