package io.msec.verify.internal.lts;

import io.msec.verify.VerifyException;
import java.util.Arrays;

/**
 * Open-addressing hash set of fixed-width int tuples. States are numbered in insertion order, which
 * for a breadth-first search is also the order of the search queue.
 */
final class StateStore implements StateSet {
  private final int width;
  private int[] data;

  /** Slots: high 32 bits a hash fingerprint, low 32 bits index + 1; 0 is empty. */
  private long[] table;

  private int mask;
  private int size;
  private final long limit;

  StateStore(int width, long limit) {
    this.width = width;
    this.limit = limit;
    this.data = new int[1024 * width];
    this.table = new long[2048];
    this.mask = table.length - 1;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void get(int index, int[] out) {
    System.arraycopy(data, index * width, out, 0, width);
  }

  /** Bytes held by the store's arrays. */
  @Override
  public long bytes() {
    return 4L * data.length + 8L * table.length;
  }

  /** Index of {@code words}; when absent it is added and {@code ~index} is returned. */
  @Override
  public int add(int[] words) {
    int hash = hash(words, 0);
    long fingerprint = (long) hash << 32;
    int h = hash & mask;
    while (true) {
      long e = table[h];
      if (e == 0) {
        return ~insert(words, h, fingerprint);
      }
      // Compare the stored fingerprint first: it avoids touching the state data on a miss.
      if ((e & 0xFFFFFFFF00000000L) == fingerprint && equalAt((int) e - 1, words)) {
        return (int) e - 1;
      }
      h = (h + 1) & mask;
    }
  }

  private int insert(int[] words, int slot, long fingerprint) {
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
    table[slot] = fingerprint | (index + 1L);
    if (size * 2L > table.length) {
      rehash();
    }
    return index;
  }

  private void rehash() {
    // Limitation: int indices and one table cap the store at about 2^30 states.
    if (table.length >= 1 << 30) {
      throw new VerifyException("state-limit", "state space too large to index");
    }
    long[] old = table;
    table = new long[old.length * 2];
    mask = table.length - 1;
    for (long e : old) {
      if (e != 0) {
        int h = (int) (e >>> 32) & mask;
        while (table[h] != 0) {
          h = (h + 1) & mask;
        }
        table[h] = e;
      }
    }
  }

  private boolean equalAt(int index, int[] words) {
    int base = index * width;
    for (int i = 0; i < width; i++) {
      if (data[base + i] != words[i]) {
        return false;
      }
    }
    return true;
  }

  private int hash(int[] a, int from) {
    int h = 0x9747b28c;
    for (int i = 0; i < width; i++) {
      h ^= a[from + i] * 0x9E3779B1;
      h = Integer.rotateLeft(h, 15) * 5 + 0xe6546b64;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }
}
