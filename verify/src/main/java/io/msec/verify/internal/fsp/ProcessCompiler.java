package io.msec.verify.internal.fsp;

import io.msec.verify.Lts;
import io.msec.verify.internal.fsp.Ast.Branch;
import io.msec.verify.internal.fsp.Ast.Choice;
import io.msec.verify.internal.fsp.Ast.Cond;
import io.msec.verify.internal.fsp.Ast.End;
import io.msec.verify.internal.fsp.Ast.IndexDecl;
import io.msec.verify.internal.fsp.Ast.Local;
import io.msec.verify.internal.fsp.Ast.Pos;
import io.msec.verify.internal.fsp.Ast.Proc;
import io.msec.verify.internal.fsp.Ast.ProcessDef;
import io.msec.verify.internal.fsp.Ast.Ref;
import io.msec.verify.internal.fsp.Ast.Stop;
import io.msec.verify.internal.fsp.Eval.Expanded;
import io.msec.verify.internal.lts.LtsOps;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles one primitive process definition, instantiated with parameter values, to an LTS. Local
 * processes are compiled on demand from the main one, so unreachable locals cost nothing.
 */
final class ProcessCompiler {
  private static final int RESOLVING = -2;

  private final ProcessDef def;
  private final Scope params;
  private final Map<String, Local> locals = new HashMap<>();
  private final Map<String, Integer> stateOf = new HashMap<>();
  private final Deque<Runnable> pending = new ArrayDeque<>();
  private final Lts.Builder builder;
  private int stop = -1;
  private int end = -1;

  private ProcessCompiler(ProcessDef def, Scope params, String name) {
    this.def = def;
    this.params = params;
    this.builder = Lts.builder(name);
    for (Local l : def.locals()) {
      if (locals.put(l.name() + "/" + l.indices().size(), l) != null) {
        throw Definitions.error(l.pos(), "local process '" + l.name() + "' is defined twice");
      }
    }
  }

  static Lts compile(ProcessDef def, Scope params, String name) {
    return new ProcessCompiler(def, params, name).run();
  }

  private Lts run() {
    Local main = def.locals().get(0);
    if (!main.indices().isEmpty()) {
      throw Definitions.error(
          main.pos(), "process '" + def.name() + "' cannot be indexed; use a parameter instead");
    }
    int initial = state(main.name(), List.of(), main.pos());
    if (initial == Lts.ERROR) {
      throw Definitions.error(main.pos(), "process '" + def.name() + "' is ERROR at once");
    }
    while (!pending.isEmpty()) {
      pending.pop().run();
    }
    Lts lts = builder.build(initial);
    lts = LtsOps.extend(lts, Eval.names(def.extension(), params));
    if (def.property()) {
      lts = LtsOps.property(lts);
    }
    lts = LtsOps.relabel(lts, Relabels.pairs(def.relabel(), params));
    if (def.hide() != null) {
      lts = LtsOps.hide(lts, Eval.names(def.hide().set(), params), def.hide().keepOnly());
    }
    return lts;
  }

  /** The state of local process {@code name[values]}, compiling it when first seen. */
  private int state(String name, List<Integer> values, Pos pos) {
    String key = name + values;
    Integer known = stateOf.get(key);
    if (known != null) {
      if (known == RESOLVING) {
        throw Definitions.error(pos, "'" + key + "' refers to itself without an action");
      }
      return known;
    }
    Local local = locals.get(name + "/" + values.size());
    if (local == null) {
      throw Definitions.error(
          pos,
          "no local process '" + name + "' with " + values.size() + " index(es) in " + def.name());
    }
    Scope sc = params;
    for (int i = 0; i < values.size(); i++) {
      IndexDecl d = local.indices().get(i);
      int[] r = Eval.range(d.range(), params);
      int v = values.get(i);
      // Limitation: LTSA-style models that rely on an out-of-range index meaning ERROR fail here.
      if (v < r[0] || v > r[1]) {
        throw Definitions.error(
            pos, "index " + v + " of " + name + " is outside " + r[0] + ".." + r[1]);
      }
      sc = sc.bind(d.var(), v);
    }
    stateOf.put(key, RESOLVING);
    int s = body(local.body(), sc);
    stateOf.put(key, s);
    return s;
  }

  private int body(Proc p, Scope sc) {
    if (p instanceof Stop) {
      if (stop < 0) {
        stop = builder.addState();
      }
      return stop;
    }
    if (p instanceof End) {
      if (end < 0) {
        end = builder.addState();
        builder.end(end);
      }
      return end;
    }
    if (p instanceof Ast.Error) {
      return Lts.ERROR;
    }
    if (p instanceof Ref r) {
      List<Integer> values = new ArrayList<>();
      r.indices().forEach(e -> values.add(Eval.value(e, sc)));
      return state(r.name(), values, r.pos());
    }
    if (p instanceof Cond c) {
      return body(Eval.value(c.cond(), sc) != 0 ? c.then() : c.orElse(), sc);
    }
    Choice choice = (Choice) p;
    int s = builder.addState();
    pending.add(() -> branches(s, choice, sc));
    return s;
  }

  private void branches(int s, Choice choice, Scope sc) {
    for (Branch b : choice.branches()) {
      if (b.guard() == null || Eval.value(b.guard(), sc) != 0) {
        prefix(s, b, 0, sc);
      }
    }
  }

  private void prefix(int from, Branch b, int k, Scope sc) {
    for (Expanded e : Eval.expand(b.prefix().get(k), sc)) {
      if (k == b.prefix().size() - 1) {
        builder.transition(from, e.label(), body(b.next(), e.scope()));
      } else {
        int mid = builder.addState();
        builder.transition(from, e.label(), mid);
        prefix(mid, b, k + 1, e.scope());
      }
    }
  }
}
