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

  PackedStateStore(int width, long limit, boolean keepIndices) {
    this.width = width;
    this.limit = limit;
    this.keepIndices = keepIndices;
    this.values = keepIndices ? new int[keys.length] : null;
    this.data = new int[1024 * width];
  }

  @Override
  public int add(int[] words) {
    long key =
        (width == 1 ? words[0] & 0xFFFFFFFFL : (long) words[1] << 32 | words[0] & 0xFFFFFFFFL) + 1;
    int h = mix(key) & mask;
    while (true) {
      long k = keys[h];
      if (k == 0) {
        return ~insert(words, key, h);
      }
      if (k == key) {
        return keepIndices ? values[h] : 0;
      }
      h = (h + 1) & mask;
    }
  }

  private int insert(int[] words, long key, int slot) {
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
    System.arraycopy(words, 0, data, index * width, width);
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
