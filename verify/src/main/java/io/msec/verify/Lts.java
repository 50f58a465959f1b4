package io.msec.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable labelled transition system: states {@code 0..stateCount()-1} with state 0 initial,
 * transitions labelled by action ids, and the distinguished target {@link #ERROR} for the error
 * state (which is not counted among the states). Action id {@link #TAU} is the silent action.
 *
 * <p>Transitions of a state are stored contiguously, sorted by action then target, without
 * duplicates:
 *
 * <pre>{@code
 * for (int t = lts.first(s); t < lts.end(s); t++) use(lts.label(t), lts.target(t));
 * }</pre>
 */
public final class Lts {
  /** Target of a transition into the error state. */
  public static final int ERROR = -1;

  /** Id of the silent action. */
  public static final int TAU = 0;

  private final String name;
  private final String[] actions;
  private final int[] alphabet;
  private final int[] offsets;
  private final int[] labels;
  private final int[] targets;
  private final BitSet ends;
  private final boolean property;

  Lts(
      String name,
      String[] actions,
      int[] alphabet,
      int[] offsets,
      int[] labels,
      int[] targets,
      BitSet ends,
      boolean property) {
    this.name = name;
    this.actions = actions;
    this.alphabet = alphabet;
    this.offsets = offsets;
    this.labels = labels;
    this.targets = targets;
    this.ends = ends;
    this.property = property;
  }

  /** Starts a builder for an LTS with the given name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The process name this LTS was built for. */
  public String name() {
    return name;
  }

  /** Number of states, excluding the error state. */
  public int stateCount() {
    return offsets.length - 1;
  }

  /** Number of transitions, including those into the error state. */
  public int transitionCount() {
    return labels.length;
  }

  /** Index of the first transition of {@code state}. */
  public int first(int state) {
    return offsets[state];
  }

  /** Index one past the last transition of {@code state}. */
  public int end(int state) {
    return offsets[state + 1];
  }

  /** Action id of transition {@code t}. */
  public int label(int t) {
    return labels[t];
  }

  /** Target state of transition {@code t}, or {@link #ERROR}. */
  public int target(int t) {
    return targets[t];
  }

  /** Number of action ids (including {@link #TAU}); ids are {@code 0..actionCount()-1}. */
  public int actionCount() {
    return actions.length;
  }

  /** The name of action {@code id}; {@code "tau"} for {@link #TAU}. */
  public String actionName(int id) {
    return actions[id];
  }

  /** Id of the named action, or -1 if the LTS has no such action. */
  public int actionId(String actionName) {
    for (int i = 0; i < actions.length; i++) {
      if (actions[i].equals(actionName)) {
        return i;
      }
    }
    return -1;
  }

  /** Sorted ids of the visible alphabet (may include actions no transition uses). */
  public int[] alphabetIds() {
    return alphabet.clone();
  }

  /** The visible alphabet as names, in id order. */
  public Set<String> alphabet() {
    Set<String> out = new LinkedHashSet<>();
    for (int a : alphabet) {
      out.add(actions[a]);
    }
    return Collections.unmodifiableSet(out);
  }

  /** Whether {@code state} is a successful termination (END) state. */
  public boolean isEnd(int state) {
    return ends.get(state);
  }

  /** Whether this LTS was declared a {@code property}: it only observes and never blocks. */
  public boolean isProperty() {
    return property;
  }

  /** Whether some transition leads to the error state. */
  public boolean reachesError() {
    for (int t : targets) {
      if (t == ERROR) {
        return true;
      }
    }
    return false;
  }

  /** Names of the actions enabled in {@code state}, in id order, without repetition. */
  public List<String> enabled(int state) {
    List<String> out = new ArrayList<>();
    int last = -1;
    for (int t = first(state); t < end(state); t++) {
      if (labels[t] != last) {
        out.add(actions[labels[t]]);
        last = labels[t];
      }
    }
    return out;
  }

  /** Returns a copy under another name, optionally flagged as a property. */
  public Lts renamed(String newName, boolean asProperty) {
    return new Lts(newName, actions, alphabet, offsets, labels, targets, ends, asProperty);
  }

  @Override
  public String toString() {
    return name + "[states=" + stateCount() + ", transitions=" + transitionCount() + "]";
  }

  /**
   * Mutable builder. States are created on demand; {@link #build(int)} keeps only the states
   * reachable from the given initial state and renumbers them in breadth-first order.
   */
  public static final class Builder {
    private final String name;
    private final List<String> actions = new ArrayList<>(List.of("tau"));
    private final Map<String, Integer> actionIds = new HashMap<>(Map.of("tau", TAU));
    private final BitSet extraAlphabet = new BitSet();
    private final BitSet ends = new BitSet();
    private long[] edges = new long[16];
    private int[] sources = new int[16];
    private int edgeCount;
    private int stateCount;
    private boolean property;

    private Builder(String name) {
      this.name = name;
    }

    /** Creates a fresh state and returns its id. */
    public int addState() {
      return stateCount++;
    }

    /** Ensures states {@code 0..count-1} exist. */
    public Builder states(int count) {
      stateCount = Math.max(stateCount, count);
      return this;
    }

    /** Interns an action name and returns its id; "tau" is {@link #TAU}. */
    public int action(String actionName) {
      Integer id = actionIds.get(actionName);
      if (id == null) {
        id = actions.size();
        actions.add(actionName);
        actionIds.put(actionName, id);
      }
      return id;
    }

    /** Adds an action to the visible alphabet even if no transition uses it. */
    public Builder alphabet(String actionName) {
      int id = action(actionName);
      if (id != TAU) {
        extraAlphabet.set(id);
      }
      return this;
    }

    /** Adds a transition; {@code target} may be {@link #ERROR}. */
    public Builder transition(int source, String actionName, int target) {
      return transition(source, action(actionName), target);
    }

    /** Adds a transition by action id; {@code target} may be {@link #ERROR}. */
    public Builder transition(int source, int actionId, int target) {
      if (edgeCount == edges.length) {
        edges = Arrays.copyOf(edges, edgeCount * 2);
        sources = Arrays.copyOf(sources, edgeCount * 2);
      }
      edges[edgeCount] = ((long) actionId << 32) | (target + 1L);
      sources[edgeCount++] = source;
      stateCount = Math.max(stateCount, Math.max(source, target) + 1);
      return this;
    }

    /** Marks a state as successful termination. */
    public Builder end(int state) {
      ends.set(state);
      stateCount = Math.max(stateCount, state + 1);
      return this;
    }

    /** Flags the result as a property process. */
    public Builder property(boolean value) {
      property = value;
      return this;
    }

    /** Builds the LTS reachable from {@code initial}, renumbered breadth-first from 0. */
    public Lts build(int initial) {
      return build(initial, false);
    }

    /**
     * Builds the LTS keeping the state numbers as given; state 0 is initial and every state is
     * kept, reachable or not.
     */
    public Lts buildKeepingNumbers() {
      return build(0, true);
    }

    private Lts build(int initial, boolean keep) {
      int[] start = new int[stateCount + 1];
      for (int i = 0; i < edgeCount; i++) {
        start[sources[i] + 1]++;
      }
      for (int s = 0; s < stateCount; s++) {
        start[s + 1] += start[s];
      }
      long[] bySource = new long[edgeCount];
      int[] fill = Arrays.copyOf(start, stateCount);
      for (int i = 0; i < edgeCount; i++) {
        bySource[fill[sources[i]]++] = edges[i];
      }
      return renumber(initial, start, bySource, keep);
    }

    private Lts renumber(int initial, int[] start, long[] bySource, boolean keep) {
      int[] newId = new int[stateCount];
      Arrays.fill(newId, -1);
      int[] order = new int[stateCount];
      int count = 0;
      newId[initial] = 0;
      order[count++] = initial;
      if (keep) {
        for (int s = 0; s < stateCount; s++) {
          newId[s] = s;
          order[s] = s;
        }
        count = stateCount;
      }
      for (int head = 0; head < count && !keep; head++) {
        int s = order[head];
        for (int i = start[s]; i < start[s + 1]; i++) {
          int t = (int) bySource[i] - 1;
          if (t >= 0 && newId[t] < 0) {
            newId[t] = count;
            order[count++] = t;
          }
        }
      }
      int[] offsets = new int[count + 1];
      long[] out = new long[start[stateCount]];
      int n = 0;
      BitSet used = new BitSet();
      BitSet newEnds = new BitSet();
      for (int k = 0; k < count; k++) {
        int s = order[k];
        int from = n;
        for (int i = start[s]; i < start[s + 1]; i++) {
          long e = bySource[i];
          int t = (int) e - 1;
          out[n++] = (e & 0xFFFFFFFF00000000L) | ((t < 0 ? ERROR : newId[t]) + 1L);
        }
        Arrays.sort(out, from, n);
        n = from + dedupe(out, from, n);
        for (int i = from; i < n; i++) {
          used.set((int) (out[i] >>> 32));
        }
        if (ends.get(s)) {
          newEnds.set(k);
        }
        offsets[k + 1] = n;
      }
      int[] labels = new int[n];
      int[] targets = new int[n];
      for (int i = 0; i < n; i++) {
        labels[i] = (int) (out[i] >>> 32);
        targets[i] = (int) out[i] - 1;
      }
      used.or(extraAlphabet);
      used.clear(TAU);
      return new Lts(
          name,
          actions.toArray(String[]::new),
          used.stream().toArray(),
          offsets,
          labels,
          targets,
          newEnds,
          property);
    }

    private static int dedupe(long[] a, int from, int to) {
      if (from == to) {
        return 0;
      }
      int w = from + 1;
      for (int i = from + 1; i < to; i++) {
        if (a[i] != a[w - 1]) {
          a[w++] = a[i];
        }
      }
      return w - from;
    }
  }
}
