package io.msec.verify.internal.lts;

import io.msec.verify.Lts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimisation by strong bisimulation, or by weak (observational) bisimulation which treats tau as
 * unobservable. Signature-based partition refinement: states stay together while they have the same
 * set of (action, block of target) pairs.
 */
public final class Bisimulation {
  private Bisimulation() {}

  /** The quotient of {@code lts} by strong or weak bisimilarity. */
  public static Lts minimise(Lts lts, boolean weak) {
    long[][] edges = weak ? saturate(lts) : strongEdges(lts);
    int[] block = refine(lts, edges);
    return quotient(lts, block, weak);
  }

  private static long[][] strongEdges(Lts lts) {
    long[][] out = new long[lts.stateCount()][];
    for (int s = 0; s < out.length; s++) {
      out[s] = new long[lts.end(s) - lts.first(s)];
      for (int t = lts.first(s); t < lts.end(s); t++) {
        out[s][t - lts.first(s)] = pack(lts.label(t), lts.target(t));
      }
    }
    return out;
  }

  // Limitation: saturation stores every weak transition, which can be quadratic in the states.
  /** Weak transitions: {@code tau* a tau*} for visible a, and {@code tau*} (reflexive) as tau. */
  private static long[][] saturate(Lts lts) {
    int n = lts.stateCount();
    int[][] closure = new int[n][];
    for (int s = 0; s < n; s++) {
      closure[s] = tauClosure(lts, s);
    }
    long[][] out = new long[n][];
    for (int s = 0; s < n; s++) {
      java.util.Set<Long> set = new java.util.HashSet<>();
      for (int u : closure[s]) {
        set.add(pack(Lts.TAU, u));
        if (u < 0) {
          continue;
        }
        for (int t = lts.first(u); t < lts.end(u); t++) {
          if (lts.label(t) == Lts.TAU) {
            continue;
          }
          int v = lts.target(t);
          if (v < 0) {
            set.add(pack(lts.label(t), v));
          } else {
            for (int w : closure[v]) {
              set.add(pack(lts.label(t), w));
            }
          }
        }
      }
      out[s] = set.stream().mapToLong(Long::longValue).toArray();
    }
    return out;
  }

  private static int[] tauClosure(Lts lts, int s) {
    List<Integer> seen = new ArrayList<>(List.of(s));
    java.util.Set<Integer> in = new java.util.HashSet<>(seen);
    for (int i = 0; i < seen.size(); i++) {
      int u = seen.get(i);
      if (u < 0) {
        continue;
      }
      for (int t = lts.first(u); t < lts.end(u) && lts.label(t) == Lts.TAU; t++) {
        if (in.add(lts.target(t))) {
          seen.add(lts.target(t));
        }
      }
    }
    return seen.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] refine(Lts lts, long[][] edges) {
    int n = lts.stateCount();
    int[] block = new int[n];
    for (int s = 0; s < n; s++) {
      block[s] = lts.isEnd(s) ? 1 : 0;
    }
    int count = -1;
    while (true) {
      Map<Sig, Integer> ids = new HashMap<>();
      int[] next = new int[n];
      for (int s = 0; s < n; s++) {
        long[] sig = new long[edges[s].length + 1];
        sig[0] = block[s];
        for (int i = 0; i < edges[s].length; i++) {
          long e = edges[s][i];
          int t = (int) e - 1;
          sig[i + 1] = (e & 0xFFFFFFFF00000000L) | (t < 0 ? 0 : block[t] + 1L);
        }
        Arrays.sort(sig, 1, sig.length);
        next[s] = ids.computeIfAbsent(new Sig(dedupe(sig)), k -> ids.size());
      }
      block = next;
      if (ids.size() == count) {
        return block;
      }
      count = ids.size();
    }
  }

  private static long[] dedupe(long[] sig) {
    int w = Math.min(sig.length, 2);
    for (int i = 2; i < sig.length; i++) {
      if (sig[i] != sig[w - 1]) {
        sig[w++] = sig[i];
      }
    }
    return Arrays.copyOf(sig, w);
  }

  private static Lts quotient(Lts lts, int[] block, boolean weak) {
    Lts.Builder q = Lts.builder(lts.name()).property(lts.isProperty());
    for (int a = 0; a < lts.actionCount(); a++) {
      q.action(lts.actionName(a));
    }
    for (int a : lts.alphabetIds()) {
      q.alphabet(lts.actionName(a));
    }
    for (int s = 0; s < lts.stateCount(); s++) {
      if (lts.isEnd(s)) {
        q.end(block[s]);
      }
      q.states(block[s] + 1);
      for (int t = lts.first(s); t < lts.end(s); t++) {
        int target = lts.target(t) < 0 ? Lts.ERROR : block[lts.target(t)];
        if (weak && lts.label(t) == Lts.TAU && target == block[s]) {
          continue;
        }
        q.transition(block[s], lts.label(t), target);
      }
    }
    return q.build(block[0]);
  }

  private static long pack(int label, int target) {
    return ((long) label << 32) | (target + 1L);
  }

  /** A signature usable as a hash key. */
  private record Sig(long[] v) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Sig s && Arrays.equals(v, s.v);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(v);
    }
  }
}
