package io.msec.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The typed arguments of one kind of transaction, e.g. {@link Transfer}. A transaction carries
 * {@link #type()} in its {@code op} member and {@link #toArgs()} in its {@code args} member.
 */
public interface Operation {
  /** The operation name, e.g. {@code transfer}. */
  String type();

  /** The JSON arguments, with amounts as decimal strings and keys as did:key text. */
  ObjectNode toArgs();
}
