package io.msec.verify.internal.lts;

/**
 * Packs a tuple of component states into as few 32-bit words as possible, each component taking
 * just the bits its state count needs and never straddling two words.
 */
final class StateCodec {
  private final int[] word;
  private final int[] shift;
  private final int[] mask;
  private final int words;
  private final int lastWordBits;

  StateCodec(int[] stateCounts) {
    int k = stateCounts.length;
    word = new int[k];
    shift = new int[k];
    mask = new int[k];
    int w = 0;
    int used = 0;
    for (int i = 0; i < k; i++) {
      int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, stateCounts[i] - 1)));
      if (used + bits > 32) {
        w++;
        used = 0;
      }
      word[i] = w;
      shift[i] = used;
      mask[i] = bits == 32 ? -1 : (1 << bits) - 1;
      used += bits;
    }
    words = w + 1;
    lastWordBits = used;
  }

  /** Whether a packed state fits in 63 bits, leaving a long's sign bit free. */
  boolean fitsInLong() {
    return words == 1 || words == 2 && lastWordBits < 32;
  }

  int words() {
    return words;
  }

  void encode(int[] states, int[] out) {
    java.util.Arrays.fill(out, 0, words, 0);
    for (int i = 0; i < states.length; i++) {
      out[word[i]] |= states[i] << shift[i];
    }
  }

  void decode(int[] in, int[] states) {
    for (int i = 0; i < states.length; i++) {
      states[i] = (in[word[i]] >>> shift[i]) & mask[i];
    }
  }

  int get(int[] in, int comp) {
    return (in[word[comp]] >>> shift[comp]) & mask[comp];
  }

  void set(int[] in, int comp, int value) {
    int w = word[comp];
    in[w] = (in[w] & ~(mask[comp] << shift[comp])) | (value << shift[comp]);
  }
}
