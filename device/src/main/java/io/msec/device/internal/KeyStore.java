package io.msec.device.internal;

import io.msec.core.Identity;
import io.msec.core.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of a replay in its state folder: {@code owner.key} and {@code devices/<id>.key}, created
 * on first use and read afterwards, so that a replay run again speaks for the same devices.
 */
public final class KeyStore {
  private static final Logger LOG = LoggerFactory.getLogger(KeyStore.class);

  private final Path folder;

  public KeyStore(Path folder) {
    this.folder = folder;
  }

  public Identity owner() {
    return loadOrCreate(folder.resolve("owner.key"));
  }

  /** The key of the dataset's device {@code id}. */
  public Identity device(String id) {
    return loadOrCreate(folder.resolve("devices").resolve(fileName(id) + ".key"));
  }

  static String fileName(String id) {
    String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.startsWith(".") ? "_" + safe : safe;
  }

  private static Identity loadOrCreate(Path file) {
    if (Files.exists(file)) {
      return KeyFile.read(file);
    }
    Identity identity = Identity.generate();
    KeyFile.write(identity, file);
    LOG.debug("created key file={} did={}", file, identity.did());
    return identity;
  }
}
