package io.msec.market.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msec.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recipient key files: JWK round trip, owner-only permissions, strict reading. */
class RecipientKeyTest {
  @TempDir Path dir;

  @Test
  void savesAnOwnerOnlyJwkAndLoadsTheSameKey() throws Exception {
    RecipientKey key = RecipientKey.generate();
    Path file = dir.resolve("keys/recipient.jwk");

    key.save(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    var jwk = Json.mapper().readTree(file.toFile());
    assertThat(jwk.get("kty").asText()).isEqualTo("OKP");
    assertThat(jwk.get("crv").asText()).isEqualTo("X25519");
    assertThat(jwk.get("x").asText()).isEqualTo(key.publicKey());
    RecipientKey loaded = RecipientKey.load(file);
    assertThat(loaded).isEqualTo(key);
    byte[] sealed = Hpke.seal(key.publicKey(), new byte[] {7}, new byte[0]);
    assertThat(loaded.open(sealed, new byte[0])).containsExactly(7);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void refusesAKeyFileThatGroupOrOthersCanRead() throws Exception {
    Path file = dir.resolve("recipient.jwk");
    RecipientKey.generate().save(file);

    for (String loose : new String[] {"rw-r-----", "rw----r--", "rw-rw-rw-"}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(loose));

      assertThatThrownBy(() -> RecipientKey.load(file))
          .as(loose)
          .hasFieldOrPropertyWithValue("code", "key-file-permissions");
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    assertThat(RecipientKey.load(file)).isNotNull();
  }

  @Test
  void neverOverwritesAnExistingKeyFile() throws Exception {
    Path file = dir.resolve("recipient.jwk");
    RecipientKey first = RecipientKey.generate();
    first.save(file);

    assertThatThrownBy(() -> RecipientKey.generate().save(file))
        .hasFieldOrPropertyWithValue("code", "key-file-exists");
    assertThat(RecipientKey.load(file)).isEqualTo(first);
  }

  @Test
  void refusesAKeyFileWhosePublicKeyDoesNotMatchItsPrivateKey() throws Exception {
    Path file = dir.resolve("recipient.jwk");
    RecipientKey.generate().save(file);
    String text = Files.readString(file);
    String x = Json.mapper().readTree(text).get("x").asText();
    Files.writeString(file, text.replace(x, RecipientKey.generate().publicKey()));

    assertThatThrownBy(() -> RecipientKey.load(file))
        .hasFieldOrPropertyWithValue("code", "malformed-key-file");
  }

  @Test
  void refusesKeyFilesOfAnotherCurveOrShape() throws Exception {
    RecipientKey key = RecipientKey.generate();
    Path good = dir.resolve("good.jwk");
    key.save(good);
    String text = Files.readString(good, StandardCharsets.UTF_8);

    String[] bad = {
      text.replace("X25519", "Ed25519"),
      text.replace("\"OKP\"", "\"EC\""),
      text.replace("\"d\"", "\"dd\""),
      text.replace("{", "{\"did\":\"x\","),
      "[]",
      "not json"
    };
    for (int i = 0; i < bad.length; i++) {
      Path file = dir.resolve("bad" + i + ".jwk");
      Files.writeString(file, bad[i]);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

      assertThatThrownBy(() -> RecipientKey.load(file))
          .as(bad[i])
          .hasFieldOrPropertyWithValue("code", "malformed-key-file")
          .hasMessageNotContaining("Source");
    }
  }

  @Test
  void neverShowsThePrivateKey() throws Exception {
    RecipientKey key = RecipientKey.generate();
    Path file = dir.resolve("recipient.jwk");
    key.save(file);
    String d = Json.mapper().readTree(file.toFile()).get("d").asText();

    assertThat(key.toString()).contains(key.publicKey()).doesNotContain(d);
  }
}
