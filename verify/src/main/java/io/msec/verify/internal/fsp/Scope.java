package io.msec.verify.internal.fsp;

/** Immutable chain of variable bindings on top of the global definitions. */
final class Scope {
  final Definitions defs;
  private final Scope parent;
  private final String var;
  private final int value;

  private Scope(Definitions defs, Scope parent, String var, int value) {
    this.defs = defs;
    this.parent = parent;
    this.var = var;
    this.value = value;
  }

  static Scope root(Definitions defs) {
    return new Scope(defs, null, null, 0);
  }

  Scope bind(String name, int v) {
    return new Scope(defs, this, name, v);
  }

  /** Value of a variable, parameter or constant; null when the name is none of these. */
  Integer lookup(String name) {
    for (Scope s = this; s != null; s = s.parent) {
      if (name.equals(s.var)) {
        return s.value;
      }
    }
    return defs.constant(name);
  }

  /** A key identifying the bindings, for memoising instantiations. */
  String key() {
    StringBuilder sb = new StringBuilder();
    for (Scope s = this; s != null && s.var != null; s = s.parent) {
      sb.append(s.var).append('=').append(s.value).append(';');
    }
    return sb.toString();
  }
}
