package io.msec.market.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.msec.core.Json;
import io.msec.core.MsecException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
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
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
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
    byte[] bytes = (jwk.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".recipient", ".tmp");
      try {
        if (isPosix(tmp)) {
          Files.setPosixFilePermissions(tmp, OWNER_ONLY);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(bytes));
          ch.force(true);
        }
        // A hard link fails if the name exists, so an existing key is never replaced.
        Files.createLink(file, tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (FileAlreadyExistsException e) {
      throw new MsecException("key-file-exists", "key file already exists: " + file);
    } catch (IOException | UnsupportedOperationException e) {
      throw new MsecException("key-file-io", "cannot write key file " + file + ": " + e, e);
    }
    LOG.debug("wrote recipient key file path={} key={}", file, x);
  }

  static Jwk read(Path file) {
    JsonNode jwk;
    try {
      if (isPosix(file)) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(perms)) {
          throw new MsecException(
              "key-file-permissions",
              "key file "
                  + file
                  + " is readable by others ("
                  + PosixFilePermissions.toString(perms)
                  + "); run: chmod 600 "
                  + file);
        }
      }
      jwk = Json.mapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new MsecException("key-file-io", "cannot read key file " + file + ": " + e, e);
    }
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

  private static boolean isPosix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
