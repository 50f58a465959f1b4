package io.msec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.internal.Base58;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples from the did:key method specification and its published Ed25519 test vectors. */
class DidKeyTest {

  @Test
  void encodesThePublicKeyOfTheSpecificationExample() {
    byte[] publicKey = Base58.decode("8HH5gYEeNc3z7PYXmd54d4x6qAfCNrqQqEB3nS7Zfu7K");

    DidKey did = DidKey.ofPublicKey(publicKey);

    assertThat(did).hasToString("did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th");
    assertThat(DidKey.parse(did.toString()).publicKey()).isEqualTo(publicKey);
  }

  @Test
  void derivesTheIdentifierOfAKnownSeed() {
    Identity identity =
        Identity.fromSeed(
            Hashes.fromHex("4f66b355aa7b0980ff901f2295b9c562ac3061be4df86703eb28c612faae6578"));

    assertThat(identity.did())
        .hasToString("did:key:z6Mkk7yqnGF3YwTrLpqrW6PGsKci7dNqh1CjnvMbzrMerSeL");
    assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(identity.did().publicKey()))
        .isEqualTo("VDXDwuGKVq91zxU6q7__jLDUq8_C5cuxECgd-1feFTE");
  }

  @Test
  void parsesTheSpecificationsFirstExample() {
    DidKey did = DidKey.parse("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");

    assertThat(did.publicKey()).hasSize(32);
    assertThat(did).hasToString("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "did:web:example.com",
        "did:key:6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
        "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooW0",
        "did:key:z6LShLeXRTzevtwcfehaGEzCMyL3bNsAeKCwcqwJxyCo63yE",
        "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDoo"
      })
  void refusesWhatIsNotAnEd25519DidKey(String text) {
    assertThatThrownBy(() -> DidKey.parse(text))
        .isInstanceOf(MsecException.class)
        .extracting(e -> ((MsecException) e).code())
        .isEqualTo("malformed-did");
  }
}
