package io.msec.verify.internal.lts;

import java.util.Arrays;

/** Growable array of ints. */
final class IntList {
  private int[] a = new int[1024];
  private int size;

  void add(int v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, size * 2);
    }
    a[size++] = v;
  }

  int get(int i) {
    return a[i];
  }

  int size() {
    return size;
  }

  int[] toArray() {
    return Arrays.copyOf(a, size);
  }

  long bytes() {
    return 4L * a.length;
  }
}
