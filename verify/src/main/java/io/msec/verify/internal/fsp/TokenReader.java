package io.msec.verify.internal.fsp;

import io.msec.verify.VerifyException;
import io.msec.verify.internal.fsp.Ast.Binary;
import io.msec.verify.internal.fsp.Ast.Bind;
import io.msec.verify.internal.fsp.Ast.Expr;
import io.msec.verify.internal.fsp.Ast.Index;
import io.msec.verify.internal.fsp.Ast.IndexDecl;
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
import io.msec.verify.internal.fsp.Lexer.Kind;
import io.msec.verify.internal.fsp.Lexer.Token;
import java.util.ArrayList;
import java.util.List;

/** Token cursor plus the shared grammar of expressions, ranges and action labels. */
abstract class TokenReader {
  private static final List<List<String>> LEVELS =
      List.of(
          List.of("||"),
          List.of("&&"),
          List.of("==", "!="),
          List.of("<", "<=", ">", ">="),
          List.of("+", "-"),
          List.of("*", "/", "%"));

  private final List<Token> tokens;
  private int at;

  TokenReader(List<Token> tokens) {
    this.tokens = tokens;
  }

  final Token peek() {
    return tokens.get(at);
  }

  final Token peekAt(int ahead) {
    return tokens.get(Math.min(at + ahead, tokens.size() - 1));
  }

  final Pos pos() {
    return new Pos(peek().line(), peek().col());
  }

  final boolean peekIs(String symbol) {
    return peek().kind() == Kind.SYMBOL && peek().text().equals(symbol);
  }

  final boolean peekWordIs(String word) {
    return peek().kind() != Kind.SYMBOL && peek().text().equals(word);
  }

  final boolean accept(String symbol) {
    if (peekIs(symbol)) {
      at++;
      return true;
    }
    return false;
  }

  final boolean acceptWord(String word) {
    if (peekWordIs(word)) {
      at++;
      return true;
    }
    return false;
  }

  final void expect(String symbol) {
    if (!accept(symbol)) {
      throw expected("'" + symbol + "'");
    }
  }

  final String upper(String what) {
    if (peek().kind() != Kind.UPPER) {
      throw expected(what + " (starting with an upper-case letter)");
    }
    return tokens.get(at++).text();
  }

  final String lower(String what) {
    if (peek().kind() != Kind.LOWER) {
      throw expected(what);
    }
    return tokens.get(at++).text();
  }

  final VerifyException expected(String what) {
    Token t = peek();
    return new VerifyException(
        "parse-error", "expected " + what + " but found " + t.describe(), t.line(), t.col());
  }

  final Expr expr() {
    return binary(0);
  }

  private Expr binary(int level) {
    if (level == LEVELS.size()) {
      return unary();
    }
    Expr left = binary(level + 1);
    while (true) {
      Token t = peek();
      if (t.kind() != Kind.SYMBOL || !LEVELS.get(level).contains(t.text())) {
        return left;
      }
      at++;
      Expr right = binary(level + 1);
      left = new Binary(t.text(), left, right, new Pos(t.line(), t.col()));
    }
  }

  private Expr unary() {
    Pos pos = pos();
    if (accept("-")) {
      return new Unary("-", unary(), pos);
    }
    if (accept("!")) {
      return new Unary("!", unary(), pos);
    }
    if (accept("(")) {
      Expr e = expr();
      expect(")");
      return e;
    }
    Token t = peek();
    if (t.kind() == Kind.INT) {
      at++;
      try {
        return new Num(Integer.parseInt(t.text()), pos);
      } catch (NumberFormatException e) {
        throw new VerifyException("parse-error", "number too large", t.line(), t.col());
      }
    }
    if (t.kind() == Kind.UPPER || t.kind() == Kind.LOWER) {
      at++;
      return new Name(t.text(), pos);
    }
    throw expected("an expression");
  }

  /** After {@code [}: {@code i:R}, {@code lo..hi}, a range name or a value; consumes {@code ]}. */
  final Seg indexSeg() {
    if (peek().kind() == Kind.LOWER && peekAt(1).text().equals(":")) {
      String var = lower("an index variable");
      expect(":");
      Seg s = new Bind(var, range());
      expect("]");
      return s;
    }
    Pos pos = pos();
    Expr e = expr();
    Seg s;
    if (accept("..")) {
      s = new Bind(null, new Range(null, e, expr(), pos));
    } else {
      s = new Index(e);
    }
    expect("]");
    return s;
  }

  final Range range() {
    Pos pos = pos();
    Expr e = expr();
    if (accept("..")) {
      return new Range(null, e, expr(), pos);
    }
    if (e instanceof Name n) {
      return new Range(n.name(), null, null, pos);
    }
    throw expected("'..' or a range name");
  }

  final List<IndexDecl> indexDecls() {
    List<IndexDecl> out = new ArrayList<>();
    while (accept("[")) {
      String var = lower("an index variable");
      expect(":");
      out.add(new IndexDecl(var, range()));
      expect("]");
    }
    return out;
  }

  final Label label() {
    Pos pos = pos();
    List<Seg> segs = new ArrayList<>();
    firstSeg(segs);
    while (true) {
      if (accept("[")) {
        segs.add(indexSeg());
      } else if (peekIs(".")
          && (peekAt(1).kind() == Kind.LOWER
              || peekAt(1).kind() == Kind.INT
              || peekAt(1).text().equals("{")
              || peekAt(1).text().equals("["))) {
        at++;
        if (peek().kind() == Kind.INT) {
          segs.add(new Word(tokens.get(at++).text()));
        } else {
          firstSeg(segs);
        }
      } else {
        return new Label(segs, pos);
      }
    }
  }

  private void firstSeg(List<Seg> segs) {
    if (peekIs("{")) {
      segs.add(new SetSeg(labelSet()));
    } else if (accept("[")) {
      segs.add(indexSeg());
    } else {
      segs.add(new Word(lower("an action label")));
    }
  }

  final LabelSet labelSet() {
    Pos pos = pos();
    expect("{");
    List<Label> labels = new ArrayList<>();
    if (!peekIs("}")) {
      do {
        if (peek().kind() == Kind.UPPER) {
          Pos p = pos();
          labels.add(new Label(List.of(new SetName(upper("a set name"))), p));
        } else {
          labels.add(label());
        }
      } while (accept(","));
    }
    expect("}");
    return new LabelSet(labels, pos);
  }
}
