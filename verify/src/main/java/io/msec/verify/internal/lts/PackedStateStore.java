package io.msec.verify.internal.lts;

import io.msec.verify.VerifyException;
import java.util.Arrays;

/**
 * State set for composites whose packed state fits in 63 bits: the hash table holds the states
 * themselves, so a lookup touches one slot instead of a slot and the state data. States are also
 * appended to an array in insertion order, which is the breadth-first queue.
 */
final class PackedStateStore implements StateSet {
  private final int width;
  private final long limit;
  private final boolean keepIndices;
  private long[] keys = new long[4096];
  private int[] values;
  private int[] data;
  private int mask = keys.length - 1;
  private int size;

  /** Sink for {@link #prefetch}'s loads, so that they are not optimised away. */
  private long touched;

  PackedStateStore(int width, long limit, boolean keepIndices) {
    this.width = width;
    this.limit = limit;
    this.keepIndices = keepIndices;
    this.values = keepIndices ? new int[keys.length] : null;
    this.data = new int[1024 * width];
  }

  @Override
  public int add(int[] words) {
    return addKey(key(words));
  }

  /** The table key of a packed state: never 0, which marks an empty slot. */
  long key(int[] words) {
    long packedState =
        width == 1 ? words[0] & 0xFFFFFFFFL : (long) words[1] << 32 | words[0] & 0xFFFFFFFFL;
    return packedState + 1;
  }

  /**
   * Loads the home slots of a batch of keys before they are looked up one by one: the loads are
   * independent, so their cache misses overlap instead of being paid one after another.
   */
  void prefetch(long[] batch, int n) {
    long acc = 0;
    for (int i = 0; i < n; i++) {
      acc += keys[mix(batch[i]) & mask];
    }
    touched ^= acc;
  }

  /** As {@link #add(int[])}, for a key made by {@link #key(int[])}. */
  int addKey(long key) {
    int h = mix(key) & mask;
    while (true) {
      long k = keys[h];
      if (k == 0) {
        return ~insert(key, h);
      }
      if (k == key) {
        return keepIndices ? values[h] : 0;
      }
      h = (h + 1) & mask;
    }
  }

  private int insert(long key, int slot) {
    if (size >= limit) {
      throw new VerifyException(
          "state-limit", "state space exceeds the limit of " + limit + " states");
    }
    int index = size++;
    if ((long) size * width > data.length) {
      long grown = Math.min((long) data.length * 2, Integer.MAX_VALUE - 8);
      if (grown < (long) size * width) {
        throw new VerifyException("state-limit", "state space too large to store");
      }
      data = Arrays.copyOf(data, (int) grown);
    }
    long packedState = key - 1;
    data[index * width] = (int) packedState;
    if (width == 2) {
      data[index * width + 1] = (int) (packedState >>> 32);
    }
    keys[slot] = key;
    if (keepIndices) {
      values[slot] = index;
    }
    if (size * 2L > keys.length) {
      rehash();
    }
    return index;
  }

  private void rehash() {
    // Limitation: one table of longs caps the set at about 2^30 states.
    if (keys.length >= 1 << 30) {
      throw new VerifyException("state-limit", "state space too large to index");
    }
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = keepIndices ? new int[keys.length] : null;
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      long k = oldKeys[i];
      if (k != 0) {
        int h = mix(k) & mask;
        while (keys[h] != 0) {
          h = (h + 1) & mask;
        }
        keys[h] = k;
        if (keepIndices) {
          values[h] = oldValues[i];
        }
      }
    }
  }

  private static int mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return (int) k;
  }

  @Override
  public void get(int index, int[] out) {
    System.arraycopy(data, index * width, out, 0, width);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public long bytes() {
    return 4L * data.length + 8L * keys.length + (keepIndices ? 4L * values.length : 0);
  }
}
