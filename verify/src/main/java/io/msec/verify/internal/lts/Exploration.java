package io.msec.verify.internal.lts;

import io.msec.verify.Lts;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

/** What an {@link Explorer} found: counts, the first error and deadlock, and optional edges. */
public final class Exploration {
  final Product product;
  final IntList parent = new IntList();
  final IntList parentAction = new IntList();
  final IntList offsets = new IntList();
  final IntList labels = new IntList();
  final IntList targets = new IntList();
  final BitSet ends = new BitSet();
  private final boolean recorded;
  int states;
  long transitions;
  int errorParent = -1;
  int errorAction;
  int errorComponent = -1;
  int deadlock = -1;
  long nanos;
  long storeBytes;

  Exploration(Product product, boolean recorded) {
    this.product = product;
    this.recorded = recorded;
    offsets.add(0);
  }

  /** Number of composite states stored, excluding the error state. */
  public int states() {
    return states;
  }

  /** Number of transitions generated from the stored states. */
  public long transitions() {
    return transitions;
  }

  /** Wall time of the search. */
  public long nanos() {
    return nanos;
  }

  /** Approximate bytes of the state store and parent links. */
  public long storeBytes() {
    return storeBytes;
  }

  /** Whether the error state was reached. */
  public boolean errorReached() {
    return errorParent >= 0;
  }

  /** Name of a component that reached ERROR on the first error found, or null. */
  public String errorComponent() {
    return errorComponent < 0 ? null : product.comps[errorComponent].name();
  }

  /** First deadlocked state found (a shortest one), or -1. */
  public int deadlock() {
    return deadlock;
  }

  /** Shortest trace of output actions from the initial state to {@code state}. */
  public List<String> traceTo(int state) {
    List<String> out = new ArrayList<>();
    for (int s = state; s > 0; s = parent.get(s)) {
      out.add(name(parentAction.get(s)));
    }
    Collections.reverse(out);
    return out;
  }

  /** Shortest trace into the error state, ending with the offending action; empty if none. */
  public List<String> errorTrace() {
    if (errorParent < 0) {
      return List.of();
    }
    List<String> out = new ArrayList<>(traceTo(errorParent));
    out.add(product.outNames[errorAction]);
    return out;
  }

  private String name(int globalAction) {
    if (product.outLabels == null) {
      return product.actions[globalAction];
    }
    return product.outNames[product.outLabels[globalAction][0]];
  }

  /** The explored composite as an explicit LTS; requires recorded edges. */
  public Lts toLts() {
    if (!recorded) {
      throw new IllegalStateException("edges were not recorded");
    }
    Lts.Builder b = Lts.builder(product.name);
    for (String n : product.outNames) {
      b.action(n);
    }
    for (Lts c : product.comps) {
      for (String a : c.alphabet()) {
        List<String> mapped = product.outLabels == null ? List.of(a) : namesOf(a);
        mapped.stream().filter(n -> !n.equals("tau")).forEach(b::alphabet);
      }
    }
    b.states(states);
    for (int s = 0; s < states; s++) {
      if (ends.get(s)) {
        b.end(s);
      }
      for (int t = offsets.get(s); t < offsets.get(s + 1); t++) {
        b.transition(s, labels.get(t), targets.get(t));
      }
    }
    return b.buildKeepingNumbers();
  }

  private List<String> namesOf(String globalName) {
    for (int a = 0; a < product.actions.length; a++) {
      if (product.actions[a].equals(globalName)) {
        List<String> out = new ArrayList<>();
        for (int o : product.outLabels[a]) {
          out.add(product.outNames[o]);
        }
        return out;
      }
    }
    return List.of();
  }
}
