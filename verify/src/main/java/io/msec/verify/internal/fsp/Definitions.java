package io.msec.verify.internal.fsp;

import io.msec.verify.VerifyException;
import io.msec.verify.internal.fsp.Ast.CompositeDef;
import io.msec.verify.internal.fsp.Ast.ConstDef;
import io.msec.verify.internal.fsp.Ast.ControllerDef;
import io.msec.verify.internal.fsp.Ast.ControllerSpec;
import io.msec.verify.internal.fsp.Ast.Decl;
import io.msec.verify.internal.fsp.Ast.LabelSet;
import io.msec.verify.internal.fsp.Ast.Pos;
import io.msec.verify.internal.fsp.Ast.ProcessDef;
import io.msec.verify.internal.fsp.Ast.ProgressDef;
import io.msec.verify.internal.fsp.Ast.RangeDef;
import io.msec.verify.internal.fsp.Ast.SetDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The declarations of one specification, indexed by name, with constants evaluated. */
public final class Definitions {
  private final Map<String, Integer> constants = new LinkedHashMap<>();
  private final Map<String, int[]> ranges = new LinkedHashMap<>();
  private final Map<String, LabelSet> sets = new LinkedHashMap<>();
  private final Map<String, ProcessDef> processes = new LinkedHashMap<>();
  private final Map<String, CompositeDef> composites = new LinkedHashMap<>();
  private final Map<String, ProgressDef> progress = new LinkedHashMap<>();
  private final Map<String, ControllerSpec> specs = new LinkedHashMap<>();
  private final Map<String, ControllerDef> controllers = new LinkedHashMap<>();
  private String last;

  /** Indexes the declarations, rejecting duplicate names and evaluating constants in order. */
  public Definitions(List<Decl> decls) {
    Scope root = Scope.root(this);
    for (Decl d : decls) {
      if (isDefined(d.name())) {
        throw error(d.pos(), "'" + d.name() + "' is defined twice");
      }
      if (d instanceof ConstDef c) {
        constants.put(c.name(), Eval.value(c.value(), root));
      } else if (d instanceof RangeDef r) {
        ranges.put(r.name(), new int[] {Eval.value(r.low(), root), Eval.value(r.high(), root)});
      } else if (d instanceof SetDef s) {
        sets.put(s.name(), s.set());
      } else if (d instanceof ProcessDef p) {
        processes.put(p.name(), p);
      } else if (d instanceof CompositeDef c) {
        composites.put(c.name(), c);
      } else if (d instanceof ProgressDef p) {
        progress.put(p.name(), p);
      } else if (d instanceof ControllerSpec s) {
        specs.put(s.name(), s);
      } else if (d instanceof ControllerDef c) {
        controllers.put(c.name(), c);
      }
      if (d instanceof ProcessDef || d instanceof CompositeDef) {
        last = d.name();
      }
    }
  }

  static VerifyException error(Pos pos, String message) {
    return new VerifyException("model-error", message, pos.line(), pos.col());
  }

  private boolean isDefined(String name) {
    return constants.containsKey(name)
        || ranges.containsKey(name)
        || sets.containsKey(name)
        || processes.containsKey(name)
        || composites.containsKey(name)
        || progress.containsKey(name)
        || specs.containsKey(name)
        || controllers.containsKey(name);
  }

  Integer constant(String name) {
    return constants.get(name);
  }

  int[] range(String name) {
    return ranges.get(name);
  }

  LabelSet set(String name) {
    return sets.get(name);
  }

  /** Primitive process definitions by name, in declaration order. */
  public Map<String, ProcessDef> processes() {
    return processes;
  }

  /** Composite process definitions by name, in declaration order. */
  public Map<String, CompositeDef> composites() {
    return composites;
  }

  /** Progress declarations by name. */
  public Map<String, ProgressDef> progress() {
    return progress;
  }

  /** Controller goal declarations by name. */
  public Map<String, ControllerSpec> specs() {
    return specs;
  }

  /** Controller declarations by name. */
  public Map<String, ControllerDef> controllers() {
    return controllers;
  }

  /** The actions a label set denotes, evaluated with the global constants. */
  public java.util.Set<String> names(LabelSet set) {
    return Eval.names(set, Scope.root(this));
  }

  /** The last process or composite declared, the default target of a check; null if none. */
  public String lastProcess() {
    return last;
  }
}
