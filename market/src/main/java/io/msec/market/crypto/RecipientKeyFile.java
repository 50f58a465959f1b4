package io.msec.market.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.core.KeyFile;
import io.msec.core.MsecException;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key file of a {@link RecipientKey}, with the rules of {@link io.msec.core.KeyFile}: created
 * owner-only ({@code rw-------}) and never over an existing file, refused on reading when group or
 * others may read it.
 */
final class RecipientKeyFile {
  private static final Logger LOG = LoggerFactory.getLogger(RecipientKeyFile.class);
  private static final Set<String> MEMBERS = Set.of("kty", "crv", "x", "d");

  private RecipientKeyFile() {}

  /** The members of an X25519 JWK that matter. */
  record Jwk(String x, String d) {}

  static void write(Path file, String x, String d) {
    ObjectNode jwk = Json.mapper().createObjectNode();
    jwk.put("kty", "OKP");
    jwk.put("crv", "X25519");
    jwk.put("x", x);
    jwk.put("d", d);
    KeyFile.writePrivate(jwk, file);
    LOG.debug("wrote recipient key file path={} key={}", file, x);
  }

  static Jwk read(Path file) {
    JsonNode jwk = KeyFile.readPrivate(file);
    try {
      Wire.exactly(jwk, MEMBERS, "malformed-key-file", "an X25519 JWK");
      if (!"OKP".equals(Wire.text(jwk, "kty", "malformed-key-file"))
          || !"X25519".equals(Wire.text(jwk, "crv", "malformed-key-file"))) {
        throw new MsecException("malformed-key-file", "not an OKP X25519 key");
      }
      return new Jwk(
          Wire.text(jwk, "x", "malformed-key-file"), Wire.text(jwk, "d", "malformed-key-file"));
    } catch (MsecException e) {
      throw new MsecException("malformed-key-file", "key file " + file + ": " + e.getMessage());
    }
  }
}
