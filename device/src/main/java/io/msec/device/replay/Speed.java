package io.msec.device.replay;

/**
 * How fast a replay runs: {@code factor} dataset seconds per wall-clock second, or as fast as the
 * node acknowledges ({@link #MAX}). Written {@code 600x} (or {@code 600}) and {@code max}.
 *
 * @param factor dataset seconds per wall second; {@link Double#POSITIVE_INFINITY} for max
 */
public record Speed(double factor) {
  /** No pacing: publish as fast as the node acknowledges. */
  public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);

  public Speed {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("speed must be above 0, was " + factor);
    }
  }

  /**
   * Parses {@code max}, {@code 600x} or {@code 600}.
   *
   * @throws IllegalArgumentException if it is none of them
   */
  public static Speed parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("max")) {
      return MAX;
    }
    if (t.endsWith("x")) {
      t = t.substring(0, t.length() - 1);
    }
    try {
      return new Speed(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "speed is 'max' or a factor like '600x', was '" + text + "'");
    }
  }

  public boolean isMax() {
    return Double.isInfinite(factor);
  }

  @Override
  public String toString() {
    if (isMax()) {
      return "max";
    }
    return (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor))
        + "x";
  }
}
