package io.msec.verify.internal.lts;

import io.msec.verify.Lts;
import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Follows observed actions through an LTS, tracking every state the model may be in (silent steps
 * are taken freely), so nondeterministic and hiding models can be monitored.
 */
public final class TraceCheck {
  private final Lts lts;
  private BitSet current = new BitSet();

  /** A monitor positioned at the initial state. */
  public TraceCheck(Lts lts) {
    this.lts = lts;
    current.set(0);
    current = closure(current);
  }

  /** Outcome of one step: accepted, not allowed, or leading to ERROR. */
  public enum Step {
    ACCEPTED,
    NOT_ALLOWED,
    ERROR
  }

  /** Takes {@code action}; on rejection the position is unchanged. */
  public Step step(String action) {
    BitSet next = new BitSet();
    boolean error = false;
    for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
      for (int t = lts.first(s); t < lts.end(s); t++) {
        if (lts.label(t) != Lts.TAU && lts.actionName(lts.label(t)).equals(action)) {
          if (lts.target(t) < 0) {
            error = true;
          } else {
            next.set(lts.target(t));
          }
        }
      }
    }
    if (next.isEmpty()) {
      return error ? Step.ERROR : Step.NOT_ALLOWED;
    }
    current = closure(next);
    return Step.ACCEPTED;
  }

  /** Visible actions allowed now that do not lead to ERROR. */
  public Set<String> allowed() {
    Set<String> out = new TreeSet<>();
    for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
      for (int t = lts.first(s); t < lts.end(s); t++) {
        if (lts.label(t) != Lts.TAU && lts.target(t) >= 0) {
          out.add(lts.actionName(lts.label(t)));
        }
      }
    }
    return out;
  }

  private BitSet closure(BitSet states) {
    BitSet out = (BitSet) states.clone();
    java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
    states.stream().forEach(todo::add);
    while (!todo.isEmpty()) {
      int s = todo.poll();
      for (int t = lts.first(s); t < lts.end(s) && lts.label(t) == Lts.TAU; t++) {
        int v = lts.target(t);
        if (v >= 0 && !out.get(v)) {
          out.set(v);
          todo.add(v);
        }
      }
    }
    return out;
  }
}
