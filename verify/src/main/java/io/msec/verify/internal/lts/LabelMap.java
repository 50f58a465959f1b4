package io.msec.verify.internal.lts;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Relabelling then hiding, applied to the actions of a composite after synchronisation.
 *
 * @param relabel old action prefix to new prefixes
 * @param hide prefixes to hide, or with {@code keepOnly} the only prefixes to keep visible
 * @param keepOnly whether {@code hide} is an interface ({@code @}) rather than a hiding set
 */
public record LabelMap(
    Map<String, List<String>> relabel, Collection<String> hide, boolean keepOnly) {

  /** The identity map. */
  public static final LabelMap IDENTITY = new LabelMap(Map.of(), List.of(), false);

  /** Whether the map changes nothing. */
  public boolean isIdentity() {
    return relabel.isEmpty() && hide.isEmpty() && !keepOnly;
  }

  /** The names {@code action} becomes; "tau" stands for a hidden action. */
  public List<String> apply(String action) {
    if (action.equals("tau")) {
      return List.of(action);
    }
    List<String> names = List.of(action);
    for (Map.Entry<String, List<String>> e : relabel.entrySet()) {
      if (LtsOps.matches(action, e.getKey())) {
        String rest = action.substring(e.getKey().length());
        names = e.getValue().stream().map(n -> n + rest).toList();
        break;
      }
    }
    return names.stream().map(this::hideOne).distinct().toList();
  }

  private String hideOne(String n) {
    boolean hit = hide.stream().anyMatch(p -> LtsOps.matches(n, p));
    return hit != keepOnly ? "tau" : n;
  }
}
