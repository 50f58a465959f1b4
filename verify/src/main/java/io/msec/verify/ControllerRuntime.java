package io.msec.verify;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Executes a synthesised controller at run time. The heal loop reports every event it observes with
 * {@link #step(String)} and asks {@link #allowedControllable()} which actions it may take next.
 * When the controller is nondeterministic the runtime tracks every state it may be in.
 *
 * <pre>{@code
 * ControllerRuntime c = ControllerRuntime.load(Path.of("models/heal.controller.json"));
 * if (c.allowedControllable().contains("switch.1")) { c.step("switch.1"); }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class ControllerRuntime {
  private final Lts lts;
  private final Set<String> controllable;
  private BitSet current = new BitSet();

  private ControllerRuntime(Lts lts, Set<String> controllable) {
    this.lts = lts;
    this.controllable = Set.copyOf(controllable);
    current.set(0);
  }

  /** A runtime for {@code controller}, starting in its initial state. */
  public static ControllerRuntime of(Lts controller, Set<String> controllable) {
    return new ControllerRuntime(controller, controllable);
  }

  /** Loads a controller file (format {@link ControllerFile#FORMAT}). */
  public static ControllerRuntime load(Path file) throws IOException {
    ControllerFile.Loaded l = ControllerFile.read(file);
    return new ControllerRuntime(l.lts(), l.controllable());
  }

  /** The current state (the lowest, when several are possible). */
  public int state() {
    return current.nextSetBit(0);
  }

  /** Every action the controller accepts next, controllable or not. */
  public Set<String> allowed() {
    Set<String> out = new TreeSet<>();
    for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
      out.addAll(lts.enabled(s));
    }
    return Collections.unmodifiableSet(out);
  }

  /** The controllable actions the platform may take now. */
  public Set<String> allowedControllable() {
    Set<String> out = new TreeSet<>(allowed());
    out.retainAll(controllable);
    return Collections.unmodifiableSet(out);
  }

  /** Whether {@code action} is one the controller decides on. */
  public boolean isControllable(String action) {
    return controllable.contains(action);
  }

  /**
   * Takes {@code action} (a decision of the platform, or an event it observed).
   *
   * @throws VerifyException code {@code action-not-allowed} if the controller forbids it now, or
   *     the event was not expected; the state is then unchanged
   */
  public void step(String action) {
    BitSet next = new BitSet();
    for (int s = current.nextSetBit(0); s >= 0; s = current.nextSetBit(s + 1)) {
      for (int t = lts.first(s); t < lts.end(s); t++) {
        if (lts.actionName(lts.label(t)).equals(action) && lts.target(t) >= 0) {
          next.set(lts.target(t));
        }
      }
    }
    if (next.isEmpty()) {
      String kind = controllable.contains(action) ? "forbidden" : "unexpected";
      throw new VerifyException(
          "action-not-allowed",
          kind + " action '" + action + "' in state " + state() + "; allowed: " + allowed());
    }
    current = next;
  }

  /** The controller being executed. */
  public Lts lts() {
    return lts;
  }
}
