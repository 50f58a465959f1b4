package io.msec.verify;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Result of controller synthesis.
 *
 * @param name the controller (or goal) synthesised
 * @param realisable whether a controller meets the goal from the initial state
 * @param controller the controller as an LTS over the plant's actions when realisable, else null;
 *     for a safety goal it is the most permissive controller
 * @param controllable the actions the controller may disable
 * @param counterPlay when unrealisable, how the environment wins, one step per line
 * @param arenaStates states of the plant composed with the safety properties
 * @param arenaTransitions transitions of that composition
 * @param winningStates states from which the controller wins
 * @param elapsed wall time
 */
public record SynthesisResult(
    String name,
    boolean realisable,
    Lts controller,
    Set<String> controllable,
    List<String> counterPlay,
    long arenaStates,
    long arenaTransitions,
    int winningStates,
    Duration elapsed) {}
