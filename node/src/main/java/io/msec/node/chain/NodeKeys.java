package io.msec.node.chain;

import io.msec.core.Identity;
import io.msec.core.KeyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own keys, kept as key files (mode 0600) in {@code <data dir>/keys/}: {@code node.jwk}
 * signs blocks and anchors; {@code treasury.jwk} is the ledger's minting account. Both are created
 * on first start.
 *
 * @param node the sequencer and anchoring identity
 * @param treasury the account allowed to mint tokens
 */
public record NodeKeys(Identity node, Identity treasury) {
  private static final Logger LOG = LoggerFactory.getLogger(NodeKeys.class);

  public static NodeKeys loadOrCreate(Path dataDir) {
    Path dir = dataDir.resolve("keys");
    return new NodeKeys(key(dir.resolve("node.jwk")), key(dir.resolve("treasury.jwk")));
  }

  private static Identity key(Path file) {
    if (Files.exists(file)) {
      return KeyFile.read(file);
    }
    Identity created = Identity.generate();
    KeyFile.write(created, file);
    LOG.info("created key file={} did={}", file, created.did());
    return created;
  }
}
