package io.msec.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;

/**
 * Reads and writes an {@link Identity} as a key file: a JSON Web Key of type OKP / Ed25519 (RFC
 * 8037) with one extra member, {@code did}:
 *
 * <pre>{@code
 * {"kty":"OKP","crv":"Ed25519","x":"<base64url public key>","d":"<base64url seed>",
 *  "did":"did:key:z6Mk..."}
 * }</pre>
 *
 * <p>Files are created with owner-only permissions ({@code rw-------}) and written atomically;
 * reading refuses a file that group or others can read, like OpenSSH does.
 */
public final class KeyFile {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private KeyFile() {}

  /**
   * Writes {@code identity} to {@code file}, which must not exist yet.
   *
   * @throws MsecException {@code key-file-exists} or {@code key-file-io}
   */
  public static void write(Identity identity, Path file) {
    ObjectNode jwk = Json.mapper().createObjectNode();
    jwk.put("kty", "OKP");
    jwk.put("crv", "Ed25519");
    jwk.put("x", B64.encodeToString(identity.did().publicKey()));
    jwk.put("d", B64.encodeToString(identity.seed()));
    jwk.put("did", identity.did().toString());
    writePrivate(jwk, file);
  }

  /**
   * Reads an identity written by {@link #write}.
   *
   * @throws MsecException {@code key-file-io}, {@code key-file-permissions} or {@code
   *     malformed-key-file}
   */
  public static Identity read(Path file) {
    JsonNode jwk = readPrivate(file);
    try {
      if (jwk == null
          || !"OKP".equals(jwk.path("kty").asText())
          || !"Ed25519".equals(jwk.path("crv").asText())
          || !jwk.path("d").isTextual()) {
        throw new MsecException("malformed-key-file", "not an Ed25519 JWK key file: " + file);
      }
      Identity identity = Identity.fromSeed(B64D.decode(jwk.get("d").asText()));
      if (jwk.has("did") && !identity.did().toString().equals(jwk.get("did").asText())) {
        throw new MsecException(
            "malformed-key-file", "key file " + file + " names a did that its key does not match");
      }
      return identity;
    } catch (IllegalArgumentException e) {
      throw new MsecException(
          "key-file-io", "cannot read key file " + file + ": " + IoFailures.describe(e), e);
    }
  }

  /**
   * Writes a private key document to {@code file}, readable by its owner only (mode 0600), synced
   * to disk, and never over an existing file: any module's key files are kept this way.
   *
   * @throws MsecException {@code key-file-exists} or {@code key-file-io}
   */
  public static void writePrivate(JsonNode document, Path file) {
    byte[] bytes = (document.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".key", ".tmp");
      try {
        if (isPosix(tmp)) {
          Files.setPosixFilePermissions(tmp, OWNER_ONLY);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.write(java.nio.ByteBuffer.wrap(bytes));
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
      throw new MsecException(
          "key-file-io", "cannot write key file " + file + ": " + IoFailures.describe(e), e);
    }
  }

  /**
   * Reads a private key document written by {@link #writePrivate}, refusing a file that others than
   * its owner can read.
   *
   * @throws MsecException {@code key-file-io} or {@code key-file-permissions}
   */
  public static JsonNode readPrivate(Path file) {
    if (Files.isDirectory(file)) {
      throw new MsecException("key-file-io", "key file " + file + " is a folder, not a file");
    }
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
      return Json.mapper().readTree(Files.readAllBytes(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new MsecException(
          "malformed-key-file",
          "key file " + file + " is not a JSON key document: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new MsecException(
          "key-file-io", "cannot read key file " + file + ": " + IoFailures.describe(e), e);
    }
  }

  private static boolean isPosix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
