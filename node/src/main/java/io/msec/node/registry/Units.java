package io.msec.node.registry;

import java.util.Set;

/**
 * The UCUM unit codes (case-sensitive form, c/s) a device schema may name. The set is the atoms and
 * common compounds of environmental and mobility sensing; UCUM annotations such as {@code
 * {vehicles}} or {@code {count}/min} stand for counts and are accepted too.
 */
public final class Units {
  private static final Set<String> KNOWN =
      Set.of(
          "1", "%", "[ppm]", "[ppb]", "Cel", "K", "[degF]", "lx", "ug/m3", "mg/m3", "g/m3", "kg/kg",
          "g/kg", "Pa", "hPa", "kPa", "dB", "dB[A]", "m/s", "km/h", "m", "mm", "km", "s", "min",
          "h", "W", "kW", "W.h", "kW.h", "V", "A", "/min", "/h", "L/min", "m3/h", "deg", "[in_i]");

  private Units() {}

  /** True if {@code code} is a UCUM code M-Sec knows. */
  public static boolean isKnown(String code) {
    if (code == null || code.isEmpty() || code.length() > 32) {
      return false;
    }
    if (KNOWN.contains(code)) {
      return true;
    }
    return isAnnotation(code);
  }

  /** {@code {word}} optionally followed by a per-time divisor, e.g. {@code {vehicles}/h}. */
  private static boolean isAnnotation(String code) {
    if (!code.startsWith("{")) {
      return false;
    }
    int close = code.indexOf('}');
    if (close < 2 || !code.substring(1, close).matches("[A-Za-z0-9_.-]+")) {
      return false;
    }
    String rest = code.substring(close + 1);
    return rest.isEmpty() || rest.equals("/min") || rest.equals("/h") || rest.equals("/s");
  }
}
