package io.msec.verify.internal.fsp;

import io.msec.verify.Lts;
import io.msec.verify.ProgressListener;
import io.msec.verify.VerifyException;
import io.msec.verify.internal.fsp.Ast.Comp;
import io.msec.verify.internal.fsp.Ast.CompForall;
import io.msec.verify.internal.fsp.Ast.CompLabel;
import io.msec.verify.internal.fsp.Ast.CompOps;
import io.msec.verify.internal.fsp.Ast.CompPar;
import io.msec.verify.internal.fsp.Ast.CompRef;
import io.msec.verify.internal.fsp.Ast.CompositeDef;
import io.msec.verify.internal.fsp.Ast.Expr;
import io.msec.verify.internal.fsp.Ast.Hide;
import io.msec.verify.internal.fsp.Ast.IndexDecl;
import io.msec.verify.internal.fsp.Ast.Param;
import io.msec.verify.internal.fsp.Ast.Pos;
import io.msec.verify.internal.fsp.Ast.ProcessDef;
import io.msec.verify.internal.fsp.Ast.RelabelPair;
import io.msec.verify.internal.fsp.Eval.Expanded;
import io.msec.verify.internal.lts.Explorer;
import io.msec.verify.internal.lts.LabelMap;
import io.msec.verify.internal.lts.LtsOps;
import io.msec.verify.internal.lts.Product;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a named process into a {@link Product}: composite terms are flattened into their
 * components, with labelling pushed down to the leaves. A nested composite that hides or relabels
 * is explored to an explicit LTS first, since those operators do not distribute over composition.
 */
public final class SystemCompiler {
  private final Definitions defs;
  private final Map<String, Lts> primitives = new HashMap<>();

  /** Compiler over the given declarations. */
  public SystemCompiler(Definitions defs) {
    this.defs = defs;
  }

  /** The product for process or composite {@code name}, with default parameter values. */
  public Product product(String name) {
    CompositeDef c = defs.composites().get(name);
    if (c == null) {
      if (!defs.processes().containsKey(name)) {
        throw new VerifyException(
            "unknown-process", "no process or composite named '" + name + "'");
      }
      return new Product(name, List.of(primitive(name, List.of(), null)), LabelMap.IDENTITY);
    }
    Scope sc = params(c.params(), List.of(), c.pos(), Scope.root(defs));
    return new Product(name, flatten(c.body(), sc), labelMap(c.relabel(), c.hide(), sc));
  }

  /**
   * The product of {@code name} with further processes (e.g. safety properties) that observe its
   * visible actions. A plant that relabels or hides at top level is explored to an explicit LTS
   * first, so the extra processes see its renamed actions.
   */
  public Product productWith(String name, List<String> extra) {
    Product plant = product(name);
    List<Lts> leaves = new ArrayList<>();
    if (plant.isRenaming()) {
      leaves.add(
          Explorer.explore(
                  plant,
                  new Explorer.Options(true, false, Integer.MAX_VALUE, ProgressListener.NONE))
              .toLts());
    } else {
      leaves.addAll(plant.componentList());
    }
    Scope root = Scope.root(defs);
    for (String e : extra) {
      leaves.addAll(reference(new CompRef(e, List.of(), new Pos(0, 0)), root));
    }
    return new Product(name, leaves, LabelMap.IDENTITY);
  }

  /** The compiled LTS of primitive process {@code name} with default parameter values. */
  public Lts primitive(String name) {
    return primitive(name, List.of(), null);
  }

  private Lts primitive(String name, List<Expr> args, Scope caller) {
    ProcessDef def = defs.processes().get(name);
    Scope sc = params(def.params(), args, def.pos(), caller == null ? Scope.root(defs) : caller);
    String key = name + "(" + sc.key() + ")";
    Lts cached = primitives.get(key);
    if (cached == null) {
      cached = ProcessCompiler.compile(def, sc, name);
      primitives.put(key, cached);
    }
    return cached;
  }

  private Scope params(List<Param> params, List<Expr> args, Pos pos, Scope caller) {
    if (args.size() > params.size()) {
      throw Definitions.error(pos, "too many arguments: " + args.size() + " for " + params.size());
    }
    Scope sc = Scope.root(defs);
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      int v = i < args.size() ? Eval.value(args.get(i), caller) : Eval.value(p.value(), sc);
      sc = sc.bind(p.name(), v);
    }
    return sc;
  }

  private List<Lts> flatten(Comp c, Scope sc) {
    List<Lts> out = new ArrayList<>();
    if (c instanceof CompPar p) {
      p.items().forEach(i -> out.addAll(flatten(i, sc)));
    } else if (c instanceof CompForall f) {
      forall(f.vars(), 0, sc, f.body(), out);
    } else if (c instanceof CompLabel l) {
      out.addAll(label(l, sc));
    } else if (c instanceof CompOps o) {
      out.add(ops(flatten(o.body(), sc), o.relabel(), o.hide(), sc));
    } else {
      out.addAll(reference((CompRef) c, sc));
    }
    return out;
  }

  private void forall(List<IndexDecl> vars, int i, Scope sc, Comp body, List<Lts> out) {
    if (i == vars.size()) {
      out.addAll(flatten(body, sc));
      return;
    }
    int[] r = Eval.range(vars.get(i).range(), sc);
    for (int v = r[0]; v <= r[1]; v++) {
      forall(vars, i + 1, sc.bind(vars.get(i).var(), v), body, out);
    }
  }

  private List<Lts> label(CompLabel l, Scope sc) {
    List<Lts> inner = flatten(l.body(), sc);
    List<String> share = l.share() == null ? null : List.copyOf(Eval.names(l.share(), sc));
    List<String> prefixes =
        l.prefix() == null
            ? List.of("")
            : Eval.expand(l.prefix(), sc).stream().map(Expanded::label).toList();
    List<Lts> out = new ArrayList<>();
    for (String prefix : prefixes) {
      for (Lts leaf : inner) {
        Lts x = share == null ? leaf : LtsOps.prefix(leaf, leaf.name(), share);
        out.add(prefix.isEmpty() ? x : LtsOps.prefix(x, prefix + ":" + x.name(), List.of(prefix)));
      }
    }
    return out;
  }

  private List<Lts> reference(CompRef r, Scope sc) {
    if (defs.processes().containsKey(r.name())) {
      return List.of(primitive(r.name(), r.args(), sc));
    }
    CompositeDef c = defs.composites().get(r.name());
    if (c == null) {
      throw Definitions.error(r.pos(), "no process or composite named '" + r.name() + "'");
    }
    Scope inner = params(c.params(), r.args(), c.pos(), sc);
    List<Lts> leaves = flatten(c.body(), inner);
    if (c.relabel().isEmpty() && c.hide() == null) {
      return leaves;
    }
    return List.of(ops(leaves, c.relabel(), c.hide(), inner));
  }

  private Lts ops(List<Lts> leaves, List<RelabelPair> relabel, Hide hide, Scope sc) {
    LabelMap map = labelMap(relabel, hide, sc);
    if (leaves.size() == 1) {
      Lts l = LtsOps.relabel(leaves.get(0), map.relabel());
      return hide == null ? l : LtsOps.hide(l, map.hide(), map.keepOnly());
    }
    Product p = new Product(String.join("||", names(leaves)), leaves, map);
    return Explorer.explore(
            p, new Explorer.Options(true, false, Integer.MAX_VALUE, ProgressListener.NONE))
        .toLts();
  }

  private static List<String> names(List<Lts> leaves) {
    return leaves.stream().map(Lts::name).toList();
  }

  private LabelMap labelMap(List<RelabelPair> relabel, Hide hide, Scope sc) {
    Map<String, List<String>> pairs = Relabels.pairs(relabel, sc);
    if (hide == null) {
      return new LabelMap(pairs, List.of(), false);
    }
    return new LabelMap(pairs, List.copyOf(Eval.names(hide.set(), sc)), hide.keepOnly());
  }
}
