package io.msec.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an LTS in Graphviz DOT. Parallel transitions between the same two states share one edge
 * whose label lists their actions; the error state is drawn as a red node labelled ERROR and END
 * states as double circles.
 *
 * <pre>{@code
 * Dot.write(checker.minimise("PURCHASE", Equivalence.WEAK), writer);
 * }</pre>
 */
public final class Dot {
  private Dot() {}

  /** Writes {@code lts} to {@code out}. */
  public static void write(Lts lts, Writer out) {
    try {
      out.write(toDot(lts));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code lts} as DOT text. */
  public static String toDot(Lts lts) {
    StringBuilder sb = new StringBuilder();
    sb.append("digraph \"").append(escape(lts.name())).append("\" {\n");
    sb.append("  rankdir=LR;\n  node [shape=circle, fontsize=10];\n");
    sb.append("  edge [fontsize=9];\n");
    boolean error = false;
    for (int s = 0; s < lts.stateCount(); s++) {
      sb.append("  s").append(s).append(" [label=\"").append(s).append('"');
      if (s == 0) {
        sb.append(", style=filled, fillcolor=lightblue");
      }
      if (lts.isEnd(s)) {
        sb.append(", shape=doublecircle");
      }
      sb.append("];\n");
      Map<Integer, StringBuilder> byTarget = new LinkedHashMap<>();
      for (int t = lts.first(s); t < lts.end(s); t++) {
        StringBuilder label = byTarget.computeIfAbsent(lts.target(t), k -> new StringBuilder());
        if (label.length() > 0) {
          label.append("\\n");
        }
        label.append(escape(lts.actionName(lts.label(t))));
      }
      for (Map.Entry<Integer, StringBuilder> e : byTarget.entrySet()) {
        error |= e.getKey() < 0;
        String target = e.getKey() < 0 ? "error" : "s" + e.getKey();
        sb.append("  s").append(s).append(" -> ").append(target);
        sb.append(" [label=\"").append(e.getValue()).append("\"];\n");
      }
    }
    if (error) {
      sb.append("  error [label=\"ERROR\", shape=box, style=filled, fillcolor=\"#f4a0a0\"];\n");
    }
    return sb.append("}\n").toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
