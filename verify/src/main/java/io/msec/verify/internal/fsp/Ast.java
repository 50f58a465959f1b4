package io.msec.verify.internal.fsp;

import java.util.List;

/** Syntax tree of an FSP specification; every node carries its source position. */
public final class Ast {
  private Ast() {}

  /** A 1-based source position. */
  public record Pos(int line, int col) {}

  /** Integer expression. */
  public sealed interface Expr permits Num, Name, Unary, Binary {
    Pos pos();
  }

  /** Integer literal. */
  public record Num(int value, Pos pos) implements Expr {}

  /** Reference to a constant, parameter or bound index variable. */
  public record Name(String name, Pos pos) implements Expr {}

  /** Unary operator: {@code -} or {@code !}. */
  public record Unary(String op, Expr operand, Pos pos) implements Expr {}

  /** Binary operator: arithmetic, comparison or logical. */
  public record Binary(String op, Expr left, Expr right, Pos pos) implements Expr {}

  /** A range: either a named range or explicit bounds. */
  public record Range(String name, Expr low, Expr high, Pos pos) {}

  /** One segment of an action label. */
  public sealed interface Seg permits Word, Index, Bind, SetSeg, SetName {}

  /** A lower-case name such as {@code buy} in {@code buy.escrow}. */
  public record Word(String word) implements Seg {}

  /** {@code [expr]}: a value, or every value of a range when the expression names one. */
  public record Index(Expr value) implements Seg {}

  /** {@code [i:R]}: every value of the range, binding {@code i} (unnamed when var is null). */
  public record Bind(String var, Range range) implements Seg {}

  /** {@code {a,b}} used as a label segment: every element. */
  public record SetSeg(LabelSet set) implements Seg {}

  /** Reference to a declared {@code set}. */
  public record SetName(String name) implements Seg {}

  /** An action label, possibly denoting several actions. */
  public record Label(List<Seg> segs, Pos pos) {}

  /** A set of labels {@code {...}}. */
  public record LabelSet(List<Label> labels, Pos pos) {}

  /** Local process body. */
  public sealed interface Proc permits Stop, End, Error, Ref, Choice, Cond {
    Pos pos();
  }

  /** {@code STOP}. */
  public record Stop(Pos pos) implements Proc {}

  /** {@code END}. */
  public record End(Pos pos) implements Proc {}

  /** {@code ERROR}. */
  public record Error(Pos pos) implements Proc {}

  /** Reference to a local process, e.g. {@code COUNT[i+1]}. */
  public record Ref(String name, List<Expr> indices, Pos pos) implements Proc {}

  /** {@code (b1 | b2 | ...)}. */
  public record Choice(List<Branch> branches, Pos pos) implements Proc {}

  /** {@code if c then P else Q}; a missing else means STOP. */
  public record Cond(Expr cond, Proc then, Proc orElse, Pos pos) implements Proc {}

  /** {@code when (g) a -> b -> P}; guard may be null. */
  public record Branch(Expr guard, List<Label> prefix, Proc next) {}

  /** Index declaration {@code [i:R]} of a local process. */
  public record IndexDecl(String var, Range range) {}

  /** Local process definition {@code NAME[i:R] = body}. */
  public record Local(String name, List<IndexDecl> indices, Proc body, Pos pos) {}

  /** Parameter with its default value, {@code P(N=3)}. */
  public record Param(String name, Expr value) {}

  /** {@code new/old} pair of a relabelling. */
  public record RelabelPair(Label newLabel, Label oldLabel) {}

  /** {@code \{...}} (hide these) or {@code @{...}} (hide all but these). */
  public record Hide(LabelSet set, boolean keepOnly) {}

  /** Any top-level declaration. */
  public sealed interface Decl
      permits ConstDef,
          RangeDef,
          SetDef,
          ProcessDef,
          CompositeDef,
          ProgressDef,
          ControllerSpec,
          ControllerDef {
    String name();

    Pos pos();
  }

  /** {@code const N = expr}. */
  public record ConstDef(String name, Expr value, Pos pos) implements Decl {}

  /** {@code range R = lo..hi}. */
  public record RangeDef(String name, Expr low, Expr high, Pos pos) implements Decl {}

  /** {@code set S = {...}}. */
  public record SetDef(String name, LabelSet set, Pos pos) implements Decl {}

  /** Primitive process definition, optionally a property. */
  public record ProcessDef(
      String name,
      List<Param> params,
      boolean property,
      List<Local> locals,
      LabelSet extension,
      List<RelabelPair> relabel,
      Hide hide,
      Pos pos)
      implements Decl {}

  /** Composite process definition {@code ||NAME = ...}. */
  public record CompositeDef(
      String name, List<Param> params, Comp body, List<RelabelPair> relabel, Hide hide, Pos pos)
      implements Decl {}

  /** {@code progress NAME = {...}}. */
  public record ProgressDef(String name, LabelSet set, Pos pos) implements Decl {}

  /** {@code controllerSpec NAME = { safety = {...} controllable = {...} ... }}. */
  public record ControllerSpec(
      String name,
      List<String> safety,
      LabelSet controllable,
      LabelSet liveness,
      LabelSet assumption,
      LabelSet reach,
      Pos pos)
      implements Decl {}

  /** {@code controller ||NAME = (PLANT)~{SPEC}.}. */
  public record ControllerDef(String name, String plant, String spec, Pos pos) implements Decl {}

  /** Term of a composition expression. */
  public sealed interface Comp permits CompRef, CompPar, CompForall, CompLabel, CompOps {}

  /** Reference to a process with arguments, {@code P(3)}. */
  public record CompRef(String name, List<Expr> args, Pos pos) implements Comp {}

  /** {@code (A || B || ...)}. */
  public record CompPar(List<Comp> items) implements Comp {}

  /** {@code forall [i:R] body}. */
  public record CompForall(List<IndexDecl> vars, Comp body) implements Comp {}

  /** {@code prefix:body} and/or {@code {a,b}::body}. */
  public record CompLabel(Label prefix, LabelSet share, Comp body) implements Comp {}

  /** {@code body/{...}\{...}}. */
  public record CompOps(Comp body, List<RelabelPair> relabel, Hide hide) implements Comp {}
}
