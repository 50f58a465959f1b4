package io.msec.verify.internal.lts;

import io.msec.verify.ProgressListener;
import java.util.Arrays;

/**
 * Breadth-first exploration of a {@link Product}. States are numbered in discovery order, so the
 * parent links give shortest traces. Optionally records every transition, yielding an explicit LTS
 * of the composite.
 */
public final class Explorer implements Product.Sink {
  /** How to explore. */
  public record Options(
      boolean recordEdges, boolean stopAtError, long maxStates, ProgressListener listener) {}

  private static final int REPORT_MASK = (1 << 16) - 1;

  private final Product product;
  private final Options options;
  private final StateSet store;
  private final PackedStateStore packed;
  private long[] pendingKeys = new long[64];
  private int[] pendingActions = new int[64];
  private int pending;
  private final Exploration out;
  private long[] row = new long[64];
  private int rowSize;
  private int firstError = -1;
  private int current;

  private Explorer(Product product, Options options) {
    this.product = product;
    this.options = options;
    this.store =
        product.codec.fitsInLong()
            ? new PackedStateStore(
                product.codec.words(), options.maxStates(), options.recordEdges())
            : new StateStore(product.codec.words(), options.maxStates());
    this.packed = store instanceof PackedStateStore p ? p : null;
    this.out = new Exploration(product, options.recordEdges());
  }

  /** Explores {@code product} from its initial state. */
  public static Exploration explore(Product product, Options options) {
    return new Explorer(product, options).run();
  }

  private Exploration run() {
    long start = System.nanoTime();
    int k = product.size();
    int w = product.codec.words();
    int[] cur = new int[k];
    int[] words = new int[w];
    int[] scratch = new int[w];
    product.codec.encode(cur, words);
    store.add(words);
    out.parent.add(-1);
    out.parentAction.add(0);
    for (int s = 0; s < store.size(); s++) {
      current = s;
      store.get(s, words);
      product.codec.decode(words, cur);
      rowSize = 0;
      firstError = -1;
      product.successors(cur, words, scratch, this);
      drainPending();
      flushRow(s, cur);
      if ((s & REPORT_MASK) == REPORT_MASK) {
        options.listener().explored(store.size(), out.transitions);
      }
      if (options.stopAtError() && out.errorParent >= 0) {
        break;
      }
    }
    out.states = store.size();
    out.storeBytes = store.bytes() + out.parent.bytes() + out.parentAction.bytes();
    out.nanos = System.nanoTime() - start;
    options.listener().explored(out.states, out.transitions);
    return out;
  }

  @Override
  public void edge(int action, int[] words, int errorComponent) {
    if (words == null) {
      if (firstError < 0) {
        firstError = errorComponent;
      }
      emit(action, -1);
    } else if (packed != null) {
      if (pending == pendingKeys.length) {
        pendingKeys = Arrays.copyOf(pendingKeys, pending * 2);
        pendingActions = Arrays.copyOf(pendingActions, pending * 2);
      }
      pendingKeys[pending] = packed.key(words);
      pendingActions[pending++] = action;
    } else {
      emit(action, found(store.add(words), action));
    }
  }

  /** Looks up the successors of the current state as one batch (see the prefetch). */
  private void drainPending() {
    if (pending == 0) {
      return;
    }
    packed.prefetch(pendingKeys, pending);
    for (int i = 0; i < pending; i++) {
      emit(pendingActions[i], found(packed.addKey(pendingKeys[i]), pendingActions[i]));
    }
    pending = 0;
  }

  /** The target index of an add result, recording the parent of a new state. */
  private int found(int r, int action) {
    if (r < 0) {
      out.parent.add(current);
      out.parentAction.add(action);
      return ~r;
    }
    return r;
  }

  private void emit(int action, int target) {
    if (product.outLabels == null) {
      push(action, target);
    } else {
      for (int o : product.outLabels[action]) {
        push(o, target);
      }
    }
  }

  private void push(int label, int target) {
    if (target < 0 && product.outLabels == null) {
      // Different synchronisations can reach ERROR on the same action: count that edge once.
      long edge = (long) label << 32;
      for (int i = 0; i < rowSize; i++) {
        if (row[i] == edge) {
          return;
        }
      }
    }
    if (rowSize == row.length) {
      row = Arrays.copyOf(row, rowSize * 2);
    }
    row[rowSize++] = ((long) label << 32) | (target + 1L);
  }

  private void flushRow(int s, int[] cur) {
    if (product.outLabels != null) {
      Arrays.sort(row, 0, rowSize);
      int u = rowSize == 0 ? 0 : 1;
      for (int i = 1; i < rowSize; i++) {
        if (row[i] != row[u - 1]) {
          row[u++] = row[i];
        }
      }
      rowSize = u;
    }
    out.transitions += rowSize;
    if (rowSize == 0 && out.deadlock < 0 && !product.isEnd(cur)) {
      out.deadlock = s;
    }
    if (product.isEnd(cur)) {
      out.ends.set(s);
    }
    for (int i = 0; i < rowSize; i++) {
      int target = (int) row[i] - 1;
      if (target < 0 && out.errorParent < 0) {
        out.errorParent = s;
        out.errorAction = (int) (row[i] >>> 32);
        out.errorComponent = firstError;
      }
      if (options.recordEdges()) {
        out.labels.add((int) (row[i] >>> 32));
        out.targets.add(target);
      }
    }
    if (options.recordEdges()) {
      out.offsets.add(out.labels.size());
    }
  }
}
