package io.msec.ledger;

import io.msec.core.MsecException;

/**
 * A refusal or fault of the ledger. The {@link #code()} is stable and documented in {@code
 * docs/ledger.md}; callers act on it, not on the message. A refused transaction changes no state.
 */
public class LedgerException extends MsecException {
  /** The signature does not verify against the transaction's account key. */
  public static final String BAD_SIGNATURE = "bad-signature";

  /** The nonce is not the account's next one. */
  public static final String WRONG_NONCE = "wrong-nonce";

  /** The account holds fewer tokens than the transfer moves. */
  public static final String INSUFFICIENT_FUNDS = "insufficient-funds";

  /** Only the treasury named at genesis may mint. */
  public static final String NOT_TREASURY = "not-treasury";

  /** A balance or the total supply would leave the range of a signed 64-bit integer. */
  public static final String OVERFLOW = "overflow";

  /** Only the owner of a device may change it. */
  public static final String NOT_OWNER = "not-owner";

  /** No device is registered under that identifier. */
  public static final String UNKNOWN_DEVICE = "unknown-device";

  /** A device is already registered under that identifier. */
  public static final String DEVICE_EXISTS = "device-exists";

  /** The device was revoked and can no longer be changed. */
  public static final String DEVICE_REVOKED = "device-revoked";

  /** An anchor overlaps or precedes one already recorded, or is signed by someone else. */
  public static final String BAD_ANCHOR = "bad-anchor";

  /** The transaction is not well formed (members, kinds, ranges). */
  public static final String MALFORMED_TRANSACTION = "malformed-transaction";

  /** The transaction names an operation this ledger does not know. */
  public static final String UNKNOWN_OPERATION = "unknown-operation";

  /** The data directory holds a chain of another genesis (treasury or sequencer). */
  public static final String GENESIS_MISMATCH = "genesis-mismatch";

  /** The stored chain fails a check that its checksums did not catch. */
  public static final String CORRUPT_CHAIN = "corrupt-chain";

  /** The ledger is closed or failed to write and accepts no more transactions. */
  public static final String UNAVAILABLE = "unavailable";

  /** A requested block, transaction, anchor or proof does not exist. */
  public static final String NOT_FOUND = "not-found";

  /** A proof or signed head does not check; the message names the failed step. */
  public static final String BAD_PROOF = "bad-proof";

  /** Writing to or reading from the data directory failed. */
  public static final String IO = "io";

  public LedgerException(String code, String message) {
    super(code, message);
  }

  public LedgerException(String code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
