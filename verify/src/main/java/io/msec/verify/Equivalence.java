package io.msec.verify;

/** Equivalence used to minimise an LTS. */
public enum Equivalence {
  /** Strong bisimulation: tau is an action like any other. */
  STRONG,
  /** Weak (observational) bisimulation: tau steps cannot be observed. */
  WEAK
}
