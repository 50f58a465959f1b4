package io.msec.verify;

import java.time.Duration;
import java.util.List;

/**
 * Result of a progress check. Under fair choice a run ends in a terminal set of states (a terminal
 * strongly connected component) and performs all of its transitions infinitely often; a progress
 * set is violated when some reachable terminal set contains none of its actions.
 *
 * @param process the process checked
 * @param verdict {@link Verdict#PASS} or {@link Verdict#VIOLATION}
 * @param violations one entry per violated progress set
 * @param states reachable states
 * @param transitions reachable transitions
 * @param elapsed wall time, exploration included
 */
public record ProgressResult(
    String process,
    Verdict verdict,
    List<Violation> violations,
    long states,
    long transitions,
    Duration elapsed) {

  /**
   * A progress set that a terminal set of states never serves.
   *
   * @param progress name of the progress declaration ("{@code action}" for the default check)
   * @param actions the progress set
   * @param trace shortest trace into the terminal set
   * @param cycle actions performed forever inside the terminal set
   * @param setSize number of states in the terminal set
   */
  public record Violation(
      String progress, List<String> actions, List<String> trace, List<String> cycle, int setSize) {}

  /** Whether every progress set is served. */
  public boolean passed() {
    return verdict == Verdict.PASS;
  }
}
