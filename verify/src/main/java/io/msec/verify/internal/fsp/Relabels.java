package io.msec.verify.internal.fsp;

import io.msec.verify.internal.fsp.Ast.RelabelPair;
import io.msec.verify.internal.fsp.Eval.Expanded;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Expands relabelling pairs into a map from old action prefix to new prefixes. */
final class Relabels {
  private Relabels() {}

  static Map<String, List<String>> pairs(List<RelabelPair> pairs, Scope sc) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (RelabelPair p : pairs) {
      for (Expanded n : Eval.expand(p.newLabel(), sc)) {
        for (Expanded o : Eval.expand(p.oldLabel(), n.scope())) {
          List<String> news = out.computeIfAbsent(o.label(), k -> new ArrayList<>());
          if (!news.contains(n.label())) {
            news.add(n.label());
          }
        }
      }
    }
    return out;
  }
}
