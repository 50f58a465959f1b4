package io.msec.verify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Result of a safety and deadlock check. When the error state is reachable the verdict is {@link
 * Verdict#VIOLATION} and {@link #trace()} is a shortest trace into it; otherwise a reachable
 * deadlock gives {@link Verdict#DEADLOCK} with a shortest trace to it.
 *
 * @param process the process checked
 * @param verdict the outcome
 * @param violated name of the component that reached ERROR, or null
 * @param trace shortest counterexample for the verdict; empty when it is {@link Verdict#PASS}
 * @param deadlock a shortest trace to a deadlock, if one was found
 * @param states states explored (all reachable ones unless a violation stopped the search)
 * @param transitions transitions generated
 * @param elapsed wall time of the search
 */
public record SafetyResult(
    String process,
    Verdict verdict,
    String violated,
    List<String> trace,
    Optional<List<String>> deadlock,
    long states,
    long transitions,
    Duration elapsed) {

  /** Whether neither a violation nor a deadlock was found. */
  public boolean passed() {
    return verdict == Verdict.PASS;
  }
}
