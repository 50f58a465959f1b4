package io.msec.ledger.internal;

import io.msec.ledger.MutableState;
import io.msec.ledger.StateEntry;
import io.msec.ledger.StateView;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes buffered over a parent view: the changes of one transaction, or of one block, which are
 * merged into the parent only when accepted. Not thread-safe; owned by the sequencing thread.
 */
public final class Overlay implements MutableState {
  private final StateView parent;
  private final TreeMap<String, StateEntry> writes = new TreeMap<>();

  public Overlay(StateView parent) {
    this.parent = parent;
  }

  @Override
  public Optional<StateEntry> get(String key) {
    StateEntry e = writes.get(key);
    return e != null ? Optional.of(e) : parent.get(key);
  }

  @Override
  public Optional<Map.Entry<String, StateEntry>> floor(String key) {
    Map.Entry<String, StateEntry> mine = writes.floorEntry(key);
    Optional<Map.Entry<String, StateEntry>> theirs = parent.floor(key);
    if (mine == null) {
      return theirs;
    }
    if (theirs.isEmpty() || theirs.get().getKey().compareTo(mine.getKey()) <= 0) {
      return Optional.of(mine);
    }
    return theirs;
  }

  @Override
  public void put(String key, StateEntry value) {
    writes.put(key, value);
  }

  /** Copies these writes into {@code target}. */
  public void mergeInto(MutableState target) {
    writes.forEach(target::put);
  }

  /** The buffered writes, sorted by key. */
  public Map<String, StateEntry> writes() {
    return writes;
  }
}
