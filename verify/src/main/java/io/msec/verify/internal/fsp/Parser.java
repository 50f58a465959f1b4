package io.msec.verify.internal.fsp;

import io.msec.verify.VerifyException;
import io.msec.verify.internal.fsp.Ast.Branch;
import io.msec.verify.internal.fsp.Ast.Choice;
import io.msec.verify.internal.fsp.Ast.Comp;
import io.msec.verify.internal.fsp.Ast.CompForall;
import io.msec.verify.internal.fsp.Ast.CompLabel;
import io.msec.verify.internal.fsp.Ast.CompOps;
import io.msec.verify.internal.fsp.Ast.CompPar;
import io.msec.verify.internal.fsp.Ast.CompRef;
import io.msec.verify.internal.fsp.Ast.CompositeDef;
import io.msec.verify.internal.fsp.Ast.Cond;
import io.msec.verify.internal.fsp.Ast.ConstDef;
import io.msec.verify.internal.fsp.Ast.ControllerDef;
import io.msec.verify.internal.fsp.Ast.ControllerSpec;
import io.msec.verify.internal.fsp.Ast.Decl;
import io.msec.verify.internal.fsp.Ast.End;
import io.msec.verify.internal.fsp.Ast.Expr;
import io.msec.verify.internal.fsp.Ast.Hide;
import io.msec.verify.internal.fsp.Ast.Label;
import io.msec.verify.internal.fsp.Ast.LabelSet;
import io.msec.verify.internal.fsp.Ast.Local;
import io.msec.verify.internal.fsp.Ast.Param;
import io.msec.verify.internal.fsp.Ast.Pos;
import io.msec.verify.internal.fsp.Ast.Proc;
import io.msec.verify.internal.fsp.Ast.ProcessDef;
import io.msec.verify.internal.fsp.Ast.ProgressDef;
import io.msec.verify.internal.fsp.Ast.RangeDef;
import io.msec.verify.internal.fsp.Ast.Ref;
import io.msec.verify.internal.fsp.Ast.RelabelPair;
import io.msec.verify.internal.fsp.Ast.SetDef;
import io.msec.verify.internal.fsp.Ast.SetName;
import io.msec.verify.internal.fsp.Ast.Stop;
import io.msec.verify.internal.fsp.Lexer.Kind;
import java.util.ArrayList;
import java.util.List;

/** Recursive-descent parser for the FSP subset documented in docs/fsp.md. */
public final class Parser extends TokenReader {

  private Parser(String src) {
    super(Lexer.tokens(src));
  }

  /** Parses a whole specification. */
  public static List<Decl> parse(String src) {
    return new Parser(src).file();
  }

  private List<Decl> file() {
    List<Decl> out = new ArrayList<>();
    while (peek().kind() != Kind.EOF) {
      out.add(decl());
    }
    return out;
  }

  private Decl decl() {
    Pos pos = pos();
    if (acceptWord("const")) {
      String name = upper("a constant name");
      expect("=");
      return new ConstDef(name, expr(), pos);
    }
    if (acceptWord("range")) {
      String name = upper("a range name");
      expect("=");
      Expr lo = expr();
      expect("..");
      return new RangeDef(name, lo, expr(), pos);
    }
    if (acceptWord("set")) {
      String name = upper("a set name");
      expect("=");
      return new SetDef(name, labelSet(), pos);
    }
    if (acceptWord("progress")) {
      String name = upper("a progress name");
      expect("=");
      return new ProgressDef(name, setOrName(), pos);
    }
    if (acceptWord("property")) {
      return processDef(true);
    }
    if (acceptWord("controllerSpec")) {
      return controllerSpec(pos);
    }
    if (acceptWord("controller")) {
      expect("||");
      String name = upper("a controller name");
      expect("=");
      expect("(");
      String plant = upper("the plant process");
      expect(")");
      expect("~");
      expect("{");
      String spec = upper("a controllerSpec name");
      expect("}");
      expect(".");
      return new ControllerDef(name, plant, spec, pos);
    }
    if (accept("||")) {
      return compositeDef(pos);
    }
    if (peek().kind() == Kind.UPPER) {
      return processDef(false);
    }
    throw expected("a declaration (const, range, set, property, progress, a process or ||)");
  }

  private ProcessDef processDef(boolean property) {
    Pos pos = pos();
    String name = upper("a process name");
    List<Param> params = params();
    List<Local> locals = new ArrayList<>();
    locals.add(new Local(name, indexDecls(), expectThen("=", this::proc), pos));
    while (accept(",")) {
      Pos lp = pos();
      String local = upper("a local process name");
      locals.add(new Local(local, indexDecls(), expectThen("=", this::proc), lp));
    }
    LabelSet ext = accept("+") ? setOrName() : null;
    List<RelabelPair> relabel = relabel();
    Hide hide = hide();
    expect(".");
    return new ProcessDef(name, params, property, locals, ext, relabel, hide, pos);
  }

  private CompositeDef compositeDef(Pos pos) {
    String name = upper("a composite process name");
    List<Param> params = params();
    expect("=");
    Comp body = compItem();
    if (peekIs("||")) {
      List<Comp> items = new ArrayList<>(List.of(body));
      while (accept("||")) {
        items.add(compItem());
      }
      body = new CompPar(items);
    }
    List<RelabelPair> relabel = relabel();
    Hide hide = hide();
    expect(".");
    return new CompositeDef(name, params, body, relabel, hide, pos);
  }

  private Comp compItem() {
    Comp c = compPrimary();
    List<RelabelPair> relabel = relabel();
    Hide hide = hide();
    return relabel.isEmpty() && hide == null ? c : new CompOps(c, relabel, hide);
  }

  private Comp compPrimary() {
    if (acceptWord("forall")) {
      return new CompForall(indexDecls(), compItem());
    }
    if (accept("(")) {
      List<Comp> items = new ArrayList<>(List.of(compItem()));
      while (accept("||")) {
        items.add(compItem());
      }
      expect(")");
      return items.size() == 1 ? items.get(0) : new CompPar(items);
    }
    if (peek().kind() == Kind.LOWER || peekIs("[")) {
      Label prefix = label();
      expect(":");
      if (peekIs("{")) {
        LabelSet share = labelSet();
        expect("::");
        return new CompLabel(prefix, share, compPrimary());
      }
      return new CompLabel(prefix, null, compPrimary());
    }
    if (peekIs("{")) {
      LabelSet share = labelSet();
      expect("::");
      return new CompLabel(null, share, compPrimary());
    }
    Pos pos = pos();
    String name = upper("a process name, '(' , 'forall' or a label");
    List<Expr> args = new ArrayList<>();
    if (accept("(")) {
      args.add(expr());
      while (accept(",")) {
        args.add(expr());
      }
      expect(")");
    }
    return new CompRef(name, args, pos);
  }

  private ControllerSpec controllerSpec(Pos pos) {
    String name = upper("a controllerSpec name");
    expect("=");
    expect("{");
    List<String> safety = new ArrayList<>();
    LabelSet controllable = null;
    LabelSet liveness = null;
    LabelSet assumption = null;
    LabelSet reach = null;
    while (!accept("}")) {
      Pos kp = pos();
      String key = lower("safety, controllable, liveness, marking, assumption or reach");
      expect("=");
      switch (key) {
        case "safety" -> {
          expect("{");
          if (!peekIs("}")) {
            safety.add(upper("a property name"));
            while (accept(",")) {
              safety.add(upper("a property name"));
            }
          }
          expect("}");
        }
        case "controllable" -> controllable = setOrName();
        case "liveness", "marking" -> liveness = setOrName();
        case "assumption" -> assumption = setOrName();
        case "reach" -> reach = setOrName();
        default ->
            throw new VerifyException(
                "parse-error",
                "expected safety, controllable, liveness, marking, assumption or reach but found '"
                    + key
                    + "'",
                kp.line(),
                kp.col());
      }
      accept(",");
    }
    return new ControllerSpec(name, safety, controllable, liveness, assumption, reach, pos);
  }

  private List<Param> params() {
    List<Param> out = new ArrayList<>();
    if (accept("(")) {
      do {
        String p = upper("a parameter name");
        expect("=");
        out.add(new Param(p, expr()));
      } while (accept(","));
      expect(")");
    }
    return out;
  }

  private Proc proc() {
    Pos pos = pos();
    if (acceptWord("STOP")) {
      return new Stop(pos);
    }
    if (acceptWord("END")) {
      return new End(pos);
    }
    if (acceptWord("ERROR")) {
      return new Ast.Error(pos);
    }
    if (acceptWord("if")) {
      Expr cond = expr();
      if (!acceptWord("then")) {
        throw expected("'then'");
      }
      Proc then = proc();
      Proc orElse = acceptWord("else") ? proc() : new Stop(pos);
      return new Cond(cond, then, orElse, pos);
    }
    if (peek().kind() == Kind.UPPER) {
      String name = upper("a process name");
      List<Expr> idx = new ArrayList<>();
      while (accept("[")) {
        idx.add(expr());
        expect("]");
      }
      return new Ref(name, idx, pos);
    }
    if (accept("(")) {
      if (peek().kind() == Kind.UPPER || peekWordIs("if")) {
        Proc inner = proc();
        expect(")");
        return inner;
      }
      List<Branch> branches = new ArrayList<>(List.of(branch()));
      while (accept("|")) {
        branches.add(branch());
      }
      expect(")");
      return new Choice(branches, pos);
    }
    throw expected("a process: '(', STOP, END, ERROR, if or a process name");
  }

  private Branch branch() {
    Expr guard = acceptWord("when") ? expr() : null;
    List<Label> prefix = new ArrayList<>(List.of(label()));
    expect("->");
    while (startsLabel()) {
      prefix.add(label());
      expect("->");
    }
    return new Branch(guard, prefix, proc());
  }

  private boolean startsLabel() {
    return peek().kind() == Kind.LOWER && !peekWordIs("if") || peekIs("{") || peekIs("[");
  }

  private List<RelabelPair> relabel() {
    List<RelabelPair> out = new ArrayList<>();
    if (accept("/")) {
      expect("{");
      do {
        Label newLabel = label();
        expect("/");
        out.add(new RelabelPair(newLabel, label()));
      } while (accept(","));
      expect("}");
    }
    return out;
  }

  private Hide hide() {
    if (accept("\\")) {
      return new Hide(setOrName(), false);
    }
    if (accept("@")) {
      return new Hide(setOrName(), true);
    }
    return null;
  }

  private LabelSet setOrName() {
    if (peek().kind() == Kind.UPPER) {
      Pos pos = pos();
      String name = upper("a set name");
      return new LabelSet(List.of(new Label(List.of(new SetName(name)), pos)), pos);
    }
    return labelSet();
  }

  private <T> T expectThen(String symbol, java.util.function.Supplier<T> next) {
    expect(symbol);
    return next.get();
  }
}
