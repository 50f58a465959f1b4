package io.msec.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    byte[] bytes = (jwk.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      if (Files.exists(file)) {
        throw new MsecException("key-file-exists", "key file already exists: " + file);
      }
      Path tmp = Files.createTempFile(parent, ".key", ".tmp");
      setOwnerOnly(tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      moveNoReplace(tmp, file);
    } catch (IOException e) {
      throw new MsecException("key-file-io", "cannot write key file " + file + ": " + e, e);
    }
  }

  /**
   * Reads an identity written by {@link #write}.
   *
   * @throws MsecException {@code key-file-io}, {@code key-file-permissions} or {@code
   *     malformed-key-file}
   */
  public static Identity read(Path file) {
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
      JsonNode jwk = Json.mapper().readTree(Files.readAllBytes(file));
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
    } catch (IOException | IllegalArgumentException e) {
      throw new MsecException("key-file-io", "cannot read key file " + file + ": " + e, e);
    }
  }

  private static void moveNoReplace(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  private static void setOwnerOnly(Path file) throws IOException {
    if (isPosix(file)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean isPosix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
