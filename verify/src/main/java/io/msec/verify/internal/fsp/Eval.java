package io.msec.verify.internal.fsp;

import io.msec.verify.internal.fsp.Ast.Binary;
import io.msec.verify.internal.fsp.Ast.Bind;
import io.msec.verify.internal.fsp.Ast.Expr;
import io.msec.verify.internal.fsp.Ast.Index;
import io.msec.verify.internal.fsp.Ast.Label;
import io.msec.verify.internal.fsp.Ast.LabelSet;
import io.msec.verify.internal.fsp.Ast.Name;
import io.msec.verify.internal.fsp.Ast.Num;
import io.msec.verify.internal.fsp.Ast.Pos;
import io.msec.verify.internal.fsp.Ast.Range;
import io.msec.verify.internal.fsp.Ast.Seg;
import io.msec.verify.internal.fsp.Ast.SetName;
import io.msec.verify.internal.fsp.Ast.SetSeg;
import io.msec.verify.internal.fsp.Ast.Unary;
import io.msec.verify.internal.fsp.Ast.Word;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Evaluates expressions and expands action labels into concrete action names. */
final class Eval {
  /** One concrete action name with the bindings its label introduced. */
  record Expanded(String label, Scope scope) {}

  private Eval() {}

  static int value(Expr e, Scope sc) {
    if (e instanceof Num n) {
      return n.value();
    }
    if (e instanceof Name n) {
      Integer v = sc.lookup(n.name());
      if (v == null) {
        throw Definitions.error(n.pos(), "'" + n.name() + "' is not a constant or variable");
      }
      return v;
    }
    if (e instanceof Unary u) {
      int v = value(u.operand(), sc);
      return u.op().equals("-") ? -v : (v == 0 ? 1 : 0);
    }
    return binary((Binary) e, sc);
  }

  private static int binary(Binary b, Scope sc) {
    int l = value(b.left(), sc);
    if (b.op().equals("&&") && l == 0) {
      return 0;
    }
    if (b.op().equals("||") && l != 0) {
      return 1;
    }
    int r = value(b.right(), sc);
    return switch (b.op()) {
      case "+" -> l + r;
      case "-" -> l - r;
      case "*" -> l * r;
      case "/", "%" -> {
        if (r == 0) {
          throw Definitions.error(b.pos(), "division by zero");
        }
        yield b.op().equals("/") ? l / r : l % r;
      }
      case "<" -> l < r ? 1 : 0;
      case "<=" -> l <= r ? 1 : 0;
      case ">" -> l > r ? 1 : 0;
      case ">=" -> l >= r ? 1 : 0;
      case "==" -> l == r ? 1 : 0;
      case "!=" -> l != r ? 1 : 0;
      default -> r != 0 ? 1 : 0;
    };
  }

  static int[] range(Range r, Scope sc) {
    if (r.name() != null) {
      int[] v = sc.defs.range(r.name());
      if (v == null) {
        throw Definitions.error(r.pos(), "'" + r.name() + "' is not a range");
      }
      return v;
    }
    return new int[] {value(r.low(), sc), value(r.high(), sc)};
  }

  static List<Expanded> expand(Label l, Scope sc) {
    List<Expanded> acc = List.of(new Expanded("", sc));
    for (Seg seg : l.segs()) {
      List<Expanded> next = new ArrayList<>();
      for (Expanded e : acc) {
        segment(seg, e, l.pos(), next);
      }
      acc = next;
    }
    return acc;
  }

  private static void segment(Seg seg, Expanded e, Pos pos, List<Expanded> out) {
    Scope sc = e.scope();
    if (seg instanceof Word w) {
      out.add(new Expanded(join(e.label(), w.word()), sc));
    } else if (seg instanceof Index i) {
      int[] r = rangeNamedBy(i.value(), sc);
      if (r == null) {
        r = new int[] {value(i.value(), sc), value(i.value(), sc)};
      }
      for (int v = r[0]; v <= r[1]; v++) {
        out.add(new Expanded(join(e.label(), Integer.toString(v)), sc));
      }
    } else if (seg instanceof Bind b) {
      int[] r = range(b.range(), sc);
      for (int v = r[0]; v <= r[1]; v++) {
        Scope s = b.var() == null ? sc : sc.bind(b.var(), v);
        out.add(new Expanded(join(e.label(), Integer.toString(v)), s));
      }
    } else if (seg instanceof SetSeg s) {
      for (String name : names(s.set(), sc)) {
        out.add(new Expanded(join(e.label(), name), sc));
      }
    } else if (seg instanceof SetName n) {
      LabelSet set = sc.defs.set(n.name());
      if (set == null) {
        throw Definitions.error(pos, "'" + n.name() + "' is not a set");
      }
      for (String name : names(set, Scope.root(sc.defs))) {
        out.add(new Expanded(join(e.label(), name), sc));
      }
    }
  }

  private static int[] rangeNamedBy(Expr e, Scope sc) {
    if (e instanceof Name n && sc.lookup(n.name()) == null) {
      return sc.defs.range(n.name());
    }
    return null;
  }

  /** All action names a label set denotes, in order, without repetition. */
  static Set<String> names(LabelSet set, Scope sc) {
    Set<String> out = new LinkedHashSet<>();
    if (set == null) {
      return out;
    }
    for (Label l : set.labels()) {
      for (Expanded e : expand(l, sc)) {
        out.add(e.label());
      }
    }
    return out;
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "." + b;
  }
}
