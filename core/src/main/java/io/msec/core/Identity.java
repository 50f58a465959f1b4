package io.msec.core;

import java.util.Arrays;

/**
 * A signing identity: an Ed25519 private key seed and its {@link DidKey}. Devices, accounts and the
 * node's sequencer each hold one. The seed never leaves this object except through {@link KeyFile};
 * {@link #toString()} shows only the public identifier.
 *
 * <pre>{@code
 * Identity device = Identity.generate();
 * byte[] sig = device.sign(bytes);
 * }</pre>
 */
public final class Identity {
  private final byte[] seed;
  private final byte[] publicKey;
  private final DidKey did;

  private Identity(byte[] seed) {
    this.seed = seed.clone();
    this.publicKey = Ed25519.publicKey(this.seed);
    this.did = DidKey.ofPublicKey(publicKey);
  }

  /** A new identity from a secure random seed. */
  public static Identity generate() {
    return new Identity(Ed25519.newSeed());
  }

  /** The identity of a known 32-byte seed (RFC 8032 "secret key"). */
  public static Identity fromSeed(byte[] seed) {
    return new Identity(seed);
  }

  public DidKey did() {
    return did;
  }

  /** An Ed25519 signature of {@code message}. */
  public byte[] sign(byte[] message) {
    return Ed25519.sign(seed, publicKey, message);
  }

  byte[] seed() {
    return seed.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Identity other && Arrays.equals(seed, other.seed);
  }

  @Override
  public int hashCode() {
    return did.hashCode();
  }

  @Override
  public String toString() {
    return "Identity[" + did + "]";
  }
}
