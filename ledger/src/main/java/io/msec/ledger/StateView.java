package io.msec.ledger;

import java.util.Optional;

/**
 * Read access to the ledger state: a map from keys ({@code account/<did>}, {@code device/<did>},
 * {@code anchor/<did>/<from>}, ...) to {@link StateEntry} values.
 */
public interface StateView {
  /** The entry under {@code key}, if any. */
  Optional<StateEntry> get(String key);

  /**
   * The entry under {@code key} of the given type.
   *
   * @throws ClassCastException if an entry of another type sits there
   */
  default <T extends StateEntry> Optional<T> get(String key, Class<T> type) {
    return get(key).map(type::cast);
  }

  /** The entry with the greatest key at or below {@code key}, if any. */
  Optional<java.util.Map.Entry<String, StateEntry>> floor(String key);
}
