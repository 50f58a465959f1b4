package io.msec.market.reputation;

import io.msec.core.DidKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Accounts for tests: a did:key per name, the same on every run. */
final class Accounts {
  private Accounts() {}

  static DidKey named(String name) {
    try {
      byte[] key =
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return DidKey.ofPublicKey(key);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
