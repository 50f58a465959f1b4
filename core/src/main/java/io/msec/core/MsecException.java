package io.msec.core;

/**
 * Base of every M-Sec exception. Each carries a stable, documented {@link #code()} that the HTTP
 * API returns in its problem+json answers and the CLI prints, so that callers can act on the code
 * rather than on the message.
 */
public class MsecException extends RuntimeException {
  private final String code;

  /**
   * @param code stable kebab-case code, e.g. {@code bad-signature}
   * @param message a sentence a person can act on
   */
  public MsecException(String code, String message) {
    super(message);
    this.code = code;
  }

  public MsecException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The stable code of this error, e.g. {@code bad-signature}. */
  public String code() {
    return code;
  }
}
