package io.msec.node.registry;

import io.msec.core.MsecException;

/**
 * A refused registry operation. Codes: {@code malformed-registration}, {@code wrong-signer}, {@code
 * bad-signature}, {@code device-exists}, {@code unknown-device}, {@code not-owner}, {@code
 * unknown-unit}, {@code already-revoked}.
 */
public final class RegistryException extends MsecException {
  public RegistryException(String code, String message) {
    super(code, message);
  }
}
