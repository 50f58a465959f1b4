package io.msec.verify;

import java.util.List;

/**
 * Result of checking an event log against a model.
 *
 * @param accepted whether the model allows every event in order
 * @param events events read (up to and including a rejected one)
 * @param line 1-based line of the first rejected event, or 0 when accepted
 * @param action the rejected action, or null
 * @param reason why it was rejected: not allowed at that point, or it leads to ERROR
 * @param allowed the actions the model allowed instead, sorted
 */
public record TraceResult(
    boolean accepted, long events, int line, String action, String reason, List<String> allowed) {}
