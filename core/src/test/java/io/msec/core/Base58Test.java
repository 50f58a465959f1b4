package io.msec.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.msec.core.internal.Base58;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base58Test {

  @ParameterizedTest
  @CsvSource({"'', ''", "00, 1", "0000, 11", "61, 2g", "626262, a3gV", "636363, aPEr", "0001, 12"})
  void encodesKnownValues(String hex, String text) {
    assertThat(Base58.encode(Hashes.fromHex(hex))).isEqualTo(text);
    assertThat(Hashes.hex(Base58.decode(text))).isEqualTo(hex);
  }

  @Property
  void decodeInvertsEncode(@ForAll byte[] data) {
    assertThat(Base58.decode(Base58.encode(data))).isEqualTo(data);
  }

  @Property
  void agreesWithPlainBigIntegerArithmetic(@ForAll byte[] data) {
    String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    StringBuilder expected = new StringBuilder();
    BigInteger n = new BigInteger(1, data);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(58));
      expected.append(alphabet.charAt(qr[1].intValue()));
      n = qr[0];
    }
    for (int i = 0; i < data.length && data[i] == 0; i++) {
      expected.append('1');
    }

    assertThat(Base58.encode(data)).isEqualTo(expected.reverse().toString());
  }
}
