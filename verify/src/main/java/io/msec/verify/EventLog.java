package io.msec.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.msec.verify.internal.lts.TraceCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Checks a JSON-lines event log against a model (docs/verification.md): one JSON object per line
 * with at least a string field {@code "action"}; other fields are ignored and blank lines skipped.
 */
final class EventLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventLog() {}

  static TraceResult check(Lts model, Reader events) {
    TraceCheck monitor = new TraceCheck(model);
    BufferedReader in = new BufferedReader(events);
    long count = 0;
    int lineNo = 0;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        // Limitation: only "action" is matched; data fields such as the order id are ignored.
        String action = action(line, lineNo);
        count++;
        List<String> allowed = List.copyOf(monitor.allowed());
        TraceCheck.Step step = monitor.step(action);
        if (step != TraceCheck.Step.ACCEPTED) {
          String reason =
              step == TraceCheck.Step.ERROR
                  ? "violates a property (leads to ERROR)"
                  : "not allowed by the model here";
          return new TraceResult(false, count, lineNo, action, reason, allowed);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TraceResult(true, count, 0, null, null, List.copyOf(monitor.allowed()));
  }

  private static String action(String line, int lineNo) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      throw new VerifyException(
          "trace-format",
          "line " + lineNo + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (node == null || !node.isObject() || !node.path("action").isTextual()) {
      throw new VerifyException(
          "trace-format", "line " + lineNo + " is not a JSON object with a string \"action\"");
    }
    return node.get("action").asText();
  }
}
