package io.msec.verify;

/**
 * Failure of the verify module, with a stable {@link #code()} that callers may branch on.
 *
 * <p>Codes: {@code parse-error} (the FSP text is malformed; {@link #line()} and {@link #column()}
 * locate it), {@code model-error} (the text parses but means nothing, e.g. an undefined process or
 * an index out of range), {@code unknown-process}, {@code state-limit} (the state space exceeds
 * what can be stored), {@code trace-format} (an event log line is not a JSON object with an
 * "action"), {@code controller-format} (a controller file cannot be read) and {@code
 * action-not-allowed} (a controller was asked to take an action it forbids).
 */
public final class VerifyException extends RuntimeException {
  private final String code;
  private final int line;
  private final int column;

  /** Creates an exception without a source position. */
  public VerifyException(String code, String message) {
    this(code, message, 0, 0);
  }

  /** Creates an exception located at {@code line}:{@code column} (1-based; 0 when unknown). */
  public VerifyException(String code, String message, int line, int column) {
    super(line > 0 ? "line " + line + ", column " + column + ": " + message : message);
    this.code = code;
    this.line = line;
    this.column = column;
  }

  /** The stable error code, e.g. {@code parse-error}. */
  public String code() {
    return code;
  }

  /** The 1-based line of the offending text, or 0 when the error has no source position. */
  public int line() {
    return line;
  }

  /** The 1-based column of the offending text, or 0 when the error has no source position. */
  public int column() {
    return column;
  }
}
