package io.msec.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme of RFC 8785: object members sorted by their names' UTF-16 code
 * units, no whitespace, strings with the minimal escapes of §3.2.2.2, and numbers as IEEE-754
 * doubles written the way ECMAScript's {@code Number.prototype.toString} writes them (§3.2.2.3).
 *
 * <pre>{@code
 * byte[] bytes = CanonicalJson.bytes(Json.mapper().readTree("{\"b\":1,\"a\":2.50}"));
 * // {"a":2.5,"b":1}
 * }</pre>
 */
public final class CanonicalJson {
  private static final double TWO_POW_53 = 9007199254740992d;

  private CanonicalJson() {}

  /**
   * The canonical UTF-8 bytes of {@code node}.
   *
   * @throws MsecException {@code not-canonicalizable} for NaN, infinities or binary nodes
   */
  public static byte[] bytes(JsonNode node) {
    return string(node).getBytes(StandardCharsets.UTF_8);
  }

  /** The canonical text of {@code node}. */
  public static String string(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, out);
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(node.get(i), out);
        }
        out.append(']');
      }
      case STRING -> writeString(node.textValue(), out);
      case NUMBER -> out.append(number(node.doubleValue()));
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      default ->
          throw new MsecException(
              "not-canonicalizable", "JSON node of type " + node.getNodeType() + " has no form");
    }
  }

  private static void writeObject(JsonNode node, StringBuilder out) {
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      members.add(it.next());
    }
    // String.compareTo compares UTF-16 code units, which is exactly what §3.2.3 asks.
    members.sort(Map.Entry.comparingByKey());
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> member : members) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(member.getKey(), out);
      out.append(':');
      write(member.getValue(), out);
    }
    out.append('}');
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(Character.forDigit(c >> 4, 16));
            out.append(Character.forDigit(c & 0xf, 16));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Writes a double as ECMAScript does (ECMA-262 Number::toString): the shortest digits that
   * round-trip, in plain notation for exponents from -6 to 21 and exponential notation otherwise.
   *
   * @throws MsecException {@code not-canonicalizable} for NaN and infinities
   */
  public static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new MsecException("not-canonicalizable", "JSON has no NaN or Infinity: " + d);
    }
    if (d == 0) {
      return "0";
    }
    if (d < 0) {
      return "-" + number(-d);
    }
    if (d < TWO_POW_53 && d == Math.rint(d)) {
      return Long.toString((long) d);
    }
    String java = Double.toString(d);
    String k = digitsOf(java);
    int n = decimalExponent(java, k);
    if (k.length() <= 15 && !shorterReadsBack(d, k, n)) {
      // Java 17's Double.toString round-trips but may carry a superfluous digit; when no decimal
      // one digit shorter reads back as d, its digits are the shortest.
      return layout(k, n);
    }
    BigDecimal digits = shortestDigits(d);
    String shortest = digits.unscaledValue().toString();
    // value = 0.k * 10^n in ECMA-262 terms
    return layout(shortest, shortest.length() - digits.scale());
  }

  /** True if a decimal of one digit fewer than {@code k} (value 0.k * 10^n) reads back as d. */
  private static boolean shorterReadsBack(double d, String k, int n) {
    if (k.length() == 1) {
      return false;
    }
    long truncated = Long.parseLong(k.substring(0, k.length() - 1));
    int exponent = n - (k.length() - 1);
    // d lies between the truncated digits and the next (k-1)-digit decimal up.
    return Double.parseDouble(truncated + "E" + exponent) == d
        || Double.parseDouble((truncated + 1) + "E" + exponent) == d;
  }

  /** The significant digits of Double.toString's output, without leading or trailing zeros. */
  private static String digitsOf(String java) {
    int e = java.indexOf('E');
    String mantissa = e < 0 ? java : java.substring(0, e);
    StringBuilder digits = new StringBuilder(mantissa.length());
    for (int i = 0; i < mantissa.length(); i++) {
      char c = mantissa.charAt(i);
      if (c != '.' && !(c == '0' && digits.length() == 0)) {
        digits.append(c);
      }
    }
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return digits.substring(0, end);
  }

  /** The n of ECMA-262 (value = 0.digits * 10^n) for Double.toString's output. */
  private static int decimalExponent(String java, String digits) {
    int e = java.indexOf('E');
    int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
    String mantissa = e < 0 ? java : java.substring(0, e);
    int point = mantissa.indexOf('.');
    String integral = mantissa.substring(0, point);
    if (!integral.equals("0")) {
      return integral.length() + exponent;
    }
    // 0.000ddd: n is minus the zeros after the point.
    int zeros = 0;
    while (mantissa.charAt(point + 1 + zeros) == '0') {
      zeros++;
    }
    return -zeros + exponent;
  }

  private static String layout(String k, int n) {
    int len = k.length();
    StringBuilder out = new StringBuilder(len + 8);
    if (len <= n && n <= 21) {
      out.append(k).append("0".repeat(n - len));
    } else if (0 < n && n <= 21) {
      out.append(k, 0, n).append('.').append(k, n, len);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(k);
    } else {
      out.append(k.charAt(0));
      if (len > 1) {
        out.append('.').append(k, 1, len);
      }
      int e = n - 1;
      out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
    return out.toString();
  }

  /** The shortest decimal that reads back as {@code d}, closest to {@code d} among those. */
  private static BigDecimal shortestDigits(double d) {
    BigDecimal exact = new BigDecimal(d);
    // Java 17's Double.toString round-trips but may carry one digit too many: start from its
    // length and shorten while a shorter decimal still reads back as d.
    int start = significantDigits(Double.toString(d));
    BigDecimal best = roundTrip(exact, start, d);
    if (best == null) {
      best = new BigDecimal(Double.toString(d));
    }
    for (int p = start - 1; p >= 1; p--) {
      BigDecimal shorter = roundTrip(exact, p, d);
      if (shorter == null) {
        break;
      }
      best = shorter;
    }
    return best.stripTrailingZeros();
  }

  /** The p-digit decimal nearest to {@code exact} that reads back as d, or null if none does. */
  private static BigDecimal roundTrip(BigDecimal exact, int p, double d) {
    BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
    if (nearest.doubleValue() == d) {
      return nearest;
    }
    // At a power of two the rounding interval is lopsided; a neighbour may still read back.
    BigDecimal ulp = nearest.ulp();
    for (BigDecimal candidate : new BigDecimal[] {nearest.add(ulp), nearest.subtract(ulp)}) {
      if (candidate.precision() <= p && candidate.doubleValue() == d) {
        return candidate;
      }
    }
    return null;
  }

  private static int significantDigits(String javaDouble) {
    int e = javaDouble.indexOf('E');
    String mantissa = e < 0 ? javaDouble : javaDouble.substring(0, e);
    String digits = mantissa.replace(".", "").replaceFirst("^0+", "");
    digits = digits.replaceFirst("0+$", "");
    return Math.max(1, digits.length());
  }
}
