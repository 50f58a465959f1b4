package io.msec.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes controllers in the JSON format {@code msec-controller/1} (docs/verification.md):
 *
 * <pre>{@code
 * {"format": "msec-controller/1", "name": "HEAL", "initial": 0, "states": 3,
 *  "controllable": ["alert"], "alphabet": ["alert", "fail"],
 *  "transitions": [[0, "fail", 1], [1, "alert", 0]]}
 * }</pre>
 *
 * State 0 is initial; every transition is {@code [from, action, to]}.
 */
public final class ControllerFile {
  /** The format tag written and required on reading. */
  public static final String FORMAT = "msec-controller/1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A controller read from a file. */
  public record Loaded(Lts lts, Set<String> controllable) {}

  private ControllerFile() {}

  /** The JSON text of a controller. */
  public static String toJson(Lts controller, Set<String> controllable) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("name", controller.name());
    root.put("initial", 0);
    root.put("states", controller.stateCount());
    ArrayNode c = root.putArray("controllable");
    new TreeSet<>(controllable).forEach(c::add);
    ArrayNode alpha = root.putArray("alphabet");
    new TreeSet<>(controller.alphabet()).forEach(alpha::add);
    ArrayNode ts = root.putArray("transitions");
    for (int s = 0; s < controller.stateCount(); s++) {
      for (int t = controller.first(s); t < controller.end(s); t++) {
        ts.addArray()
            .add(s)
            .add(controller.actionName(controller.label(t)))
            .add(controller.target(t));
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a controller to {@code file}. */
  public static void write(Lts controller, Set<String> controllable, Path file) throws IOException {
    Files.writeString(file, toJson(controller, controllable));
  }

  /** Reads a controller file. */
  public static Loaded read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /** Parses controller JSON text. */
  public static Loaded parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new VerifyException("controller-format", "not JSON: " + e.getMessage());
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new VerifyException("controller-format", "expected \"format\": \"" + FORMAT + "\"");
    }
    int states = root.path("states").asInt(-1);
    if (states < 1 || root.path("initial").asInt(-1) != 0) {
      throw new VerifyException("controller-format", "need states >= 1 and initial 0");
    }
    Lts.Builder b = Lts.builder(root.path("name").asText("controller")).states(states);
    root.path("alphabet").forEach(a -> b.alphabet(a.asText()));
    for (JsonNode t : root.path("transitions")) {
      int from = t.path(0).asInt(-1);
      int to = t.path(2).asInt(-2);
      if (!t.path(1).isTextual() || from < 0 || from >= states || to < -1 || to >= states) {
        throw new VerifyException("controller-format", "bad transition " + t);
      }
      b.transition(from, t.path(1).asText(), to);
    }
    Set<String> controllable = new TreeSet<>();
    root.path("controllable").forEach(a -> controllable.add(a.asText()));
    return new Loaded(b.buildKeepingNumbers(), controllable);
  }
}
