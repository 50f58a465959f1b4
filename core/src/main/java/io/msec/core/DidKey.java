package io.msec.core;

import io.msec.core.internal.Base58;
import java.util.Arrays;

/**
 * An Ed25519 public key written as a {@code did:key} identifier: multibase base58btc ({@code z}) of
 * the multicodec {@code ed25519-pub} prefix ({@code 0xed 0x01}) followed by the 32 key bytes.
 * Immutable.
 *
 * <pre>{@code
 * DidKey did = DidKey.parse("did:key:z6MkmjY8GnV5i9YTDtPETC2uUAW6ejw3nk5mXF5yci5ab7th");
 * boolean ok = did.verify(message, signature);
 * }</pre>
 */
public final class DidKey implements Comparable<DidKey> {
  private static final String PREFIX = "did:key:z";
  private static final byte[] ED25519_PUB = {(byte) 0xed, 0x01};

  /** Recently parsed identifiers: every reading names its device, so the same few recur. */
  private static final int CACHE_LIMIT = 16_384;

  private static final java.util.Map<String, DidKey> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final byte[] publicKey;
  private final String text;

  private DidKey(byte[] publicKey, String text) {
    this.publicKey = publicKey.clone();
    this.text = text;
  }

  private DidKey(byte[] publicKey) {
    this.publicKey = publicKey.clone();
    byte[] multicodec = new byte[ED25519_PUB.length + publicKey.length];
    System.arraycopy(ED25519_PUB, 0, multicodec, 0, ED25519_PUB.length);
    System.arraycopy(publicKey, 0, multicodec, ED25519_PUB.length, publicKey.length);
    this.text = PREFIX + Base58.encode(multicodec);
  }

  /** Wraps a raw 32-byte Ed25519 public key. */
  public static DidKey ofPublicKey(byte[] publicKey) {
    if (publicKey == null || publicKey.length != Ed25519.PUBLIC_KEY_SIZE) {
      throw new MsecException("malformed-did", "an Ed25519 public key has 32 bytes");
    }
    return new DidKey(publicKey);
  }

  /**
   * Parses a {@code did:key} of an Ed25519 key.
   *
   * @throws MsecException with code {@code malformed-did} if it is not one
   */
  public static DidKey parse(String text) {
    DidKey cached = text == null ? null : PARSED.get(text);
    if (cached != null) {
      return cached;
    }
    DidKey parsed = decode(text);
    if (PARSED.size() >= CACHE_LIMIT) {
      PARSED.clear();
    }
    PARSED.put(text, parsed);
    return parsed;
  }

  private static DidKey decode(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new MsecException("malformed-did", "not a did:key with base58btc encoding: " + text);
    }
    byte[] decoded;
    try {
      decoded = Base58.decode(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new MsecException("malformed-did", "bad did:key " + text + ": " + e.getMessage());
    }
    if (decoded.length != ED25519_PUB.length + Ed25519.PUBLIC_KEY_SIZE
        || decoded[0] != ED25519_PUB[0]
        || decoded[1] != ED25519_PUB[1]) {
      throw new MsecException("malformed-did", "did:key is not an Ed25519 public key: " + text);
    }
    // The multicodec prefix starts with a non-zero byte, so base58 has exactly one spelling of
    // these bytes: the text given is the canonical form and need not be encoded again.
    return new DidKey(Arrays.copyOfRange(decoded, ED25519_PUB.length, decoded.length), text);
  }

  /** The raw 32-byte public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Checks an Ed25519 signature of {@code message} by this key. */
  public boolean verify(byte[] message, byte[] signature) {
    return Ed25519.verify(publicKey, message, signature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DidKey other && Arrays.equals(publicKey, other.publicKey);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  @Override
  public int compareTo(DidKey o) {
    return text.compareTo(o.text);
  }

  /** The {@code did:key:z6Mk...} form. */
  @Override
  public String toString() {
    return text;
  }
}
