package io.msec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The examples of RFC 8785 §3.2.2, §3.2.3 and Appendix B. */
class CanonicalJsonTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void writesNumbersAsAppendixB(String ieeeHex, String expected) {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));

    assertThat(CanonicalJson.number(d)).isEqualTo(expected);
  }

  @Test
  void refusesNanAndInfinity() {
    assertThatThrownBy(() -> CanonicalJson.number(Double.NaN)).isInstanceOf(MsecException.class);
    assertThatThrownBy(() -> CanonicalJson.number(Double.POSITIVE_INFINITY))
        .isInstanceOf(MsecException.class);
  }

  @Test
  void canonicalizesTheExampleOfSection322() throws Exception {
    String input =
        "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
            + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
            + "  \"literals\": [null, true, false]\n}";

    String out = CanonicalJson.string(Json.mapper().readTree(input));

    assertThat(out)
        .isEqualTo(
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void sortsMembersByUtf16CodeUnitsAsSection323() throws Exception {
    String input =
        "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew\","
            + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji\",\"\\u0080\":\"Control\","
            + "\"\\u00f6\":\"Latin\"}";

    JsonNode sorted = Json.mapper().readTree(CanonicalJson.string(Json.mapper().readTree(input)));

    assertThat(sorted.fieldNames())
        .toIterable()
        .containsExactly("\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33");
  }

  @Property
  void numbersReadBackAsTheSameDouble(@ForAll double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return;
    }
    assertThat(Double.parseDouble(CanonicalJson.number(d))).isEqualTo(d == 0 ? 0.0 : d);
  }

  @Property
  void canonicalFormIsAFixedPoint(@ForAll double a, @ForAll String s, @ForAll long n)
      throws Exception {
    if (Double.isNaN(a) || Double.isInfinite(a)) {
      return;
    }
    var node = Json.mapper().createObjectNode().put("s", s).put("a", a).put("n", n);

    String once = CanonicalJson.string(node);
    String twice = CanonicalJson.string(Json.mapper().readTree(once));

    assertThat(twice).isEqualTo(once);
  }

  @Property(tries = 3000)
  void agreesWithAnExactShortestSearchOnAnyDouble(@ForAll double d) {
    if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
      return;
    }
    assertThat(Double.parseDouble(CanonicalJson.number(d))).isEqualTo(d);
    assertThat(significant(CanonicalJson.number(d))).isEqualTo(shortestLength(Math.abs(d)));
  }

  @Property(tries = 3000)
  void agreesWithAnExactShortestSearchOnSensorLikeValues(
      @ForAll @net.jqwik.api.constraints.LongRange(min = -10_000_000, max = 10_000_000) long units,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 8) int decimals) {
    double d = units / Math.pow(10, decimals);
    if (d == 0) {
      return;
    }
    assertThat(Double.parseDouble(CanonicalJson.number(d))).isEqualTo(d);
    assertThat(significant(CanonicalJson.number(d))).isEqualTo(shortestLength(Math.abs(d)));
  }

  /** Digits of the shortest decimal that reads back as d, by exhaustive search. */
  private static int shortestLength(double d) {
    java.math.BigDecimal exact = new java.math.BigDecimal(d);
    for (int p = 1; p <= 17; p++) {
      java.math.BigDecimal r = exact.round(new java.math.MathContext(p));
      java.math.BigDecimal ulp = r.ulp();
      for (java.math.BigDecimal c : new java.math.BigDecimal[] {r, r.add(ulp), r.subtract(ulp)}) {
        if (c.doubleValue() == d) {
          return c.stripTrailingZeros().precision();
        }
      }
    }
    throw new AssertionError("no decimal of 17 digits reads back as " + d);
  }

  private static int significant(String ecma) {
    String mantissa = ecma.replace("-", "").split("e")[0].replace(".", "");
    return mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "").length();
  }
}
