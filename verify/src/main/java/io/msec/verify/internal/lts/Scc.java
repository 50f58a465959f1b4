package io.msec.verify.internal.lts;

import io.msec.verify.Lts;
import java.util.Arrays;

/** Strongly connected components of an LTS (iterative Tarjan, so deep graphs do not overflow). */
public final class Scc {
  private final int[] comp;
  private final int count;

  private Scc(int[] comp, int count) {
    this.comp = comp;
    this.count = count;
  }

  /** Component id of every state; the error state belongs to none. */
  public int[] components() {
    return comp;
  }

  /** Number of components. */
  public int count() {
    return count;
  }

  /** Component of {@code state}. */
  public int of(int state) {
    return comp[state];
  }

  /** Computes the components of {@code lts}. */
  public static Scc of(Lts lts) {
    int n = lts.stateCount();
    int[] index = new int[n];
    int[] low = new int[n];
    int[] comp = new int[n];
    Arrays.fill(index, -1);
    Arrays.fill(comp, -1);
    int[] stack = new int[n];
    int sp = 0;
    int[] callState = new int[n];
    int[] callEdge = new int[n];
    int next = 0;
    int count = 0;
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int depth = 0;
      callState[0] = root;
      callEdge[0] = lts.first(root);
      index[root] = low[root] = next++;
      stack[sp++] = root;
      while (depth >= 0) {
        int v = callState[depth];
        if (callEdge[depth] < lts.end(v)) {
          int w = lts.target(callEdge[depth]++);
          if (w < 0) {
            continue;
          }
          if (index[w] < 0) {
            index[w] = low[w] = next++;
            stack[sp++] = w;
            depth++;
            callState[depth] = w;
            callEdge[depth] = lts.first(w);
          } else if (comp[w] < 0) {
            low[v] = Math.min(low[v], index[w]);
          }
          continue;
        }
        if (low[v] == index[v]) {
          int w;
          do {
            w = stack[--sp];
            comp[w] = count;
          } while (w != v);
          count++;
        }
        depth--;
        if (depth >= 0) {
          int u = callState[depth];
          low[u] = Math.min(low[u], low[v]);
        }
      }
    }
    return new Scc(comp, count);
  }

  /**
   * Whether each component is terminal: no transition leaves it (a transition into the error state
   * leaves every component) and at least one transition stays inside it.
   */
  public boolean[] terminal(Lts lts) {
    boolean[] leaves = new boolean[count];
    boolean[] inner = new boolean[count];
    for (int s = 0; s < lts.stateCount(); s++) {
      for (int t = lts.first(s); t < lts.end(s); t++) {
        int w = lts.target(t);
        if (w < 0 || comp[w] != comp[s]) {
          leaves[comp[s]] = true;
        } else {
          inner[comp[s]] = true;
        }
      }
    }
    boolean[] out = new boolean[count];
    for (int c = 0; c < count; c++) {
      out[c] = inner[c] && !leaves[c];
    }
    return out;
  }
}
