package io.msec.verify.internal.fsp;

import io.msec.verify.VerifyException;
import java.util.ArrayList;
import java.util.List;

/** Splits FSP text into tokens, skipping white space and comments. */
final class Lexer {
  /** Token kinds. */
  enum Kind {
    UPPER,
    LOWER,
    INT,
    SYMBOL,
    EOF
  }

  /** One token with its 1-based position. */
  record Token(Kind kind, String text, int line, int col) {
    String describe() {
      return kind == Kind.EOF ? "end of input" : "'" + text + "'";
    }
  }

  private static final String[] SYMBOLS = {
    "->", "..", "::", "||", "&&", "<=", ">=", "==", "!=", "=", ",", ".", "|", "(", ")", "[", "]",
    "{", "}", ":", "+", "-", "*", "/", "%", "<", ">", "!", "\\", "@", "~", ";", "?"
  };

  private final String src;
  private int pos;
  private int line = 1;
  private int col = 1;

  private Lexer(String src) {
    this.src = src;
  }

  static List<Token> tokens(String src) {
    Lexer lexer = new Lexer(src);
    List<Token> out = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      out.add(t);
    } while (t.kind() != Kind.EOF);
    return out;
  }

  private Token next() {
    skipSpaceAndComments();
    if (pos >= src.length()) {
      return new Token(Kind.EOF, "", line, col);
    }
    int startLine = line;
    int startCol = col;
    char c = src.charAt(pos);
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < src.length()
          && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
        advance();
      }
      String word = src.substring(start, pos);
      Kind kind = Character.isUpperCase(word.charAt(0)) ? Kind.UPPER : Kind.LOWER;
      return new Token(kind, word, startLine, startCol);
    }
    if (Character.isDigit(c)) {
      int start = pos;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        advance();
      }
      return new Token(Kind.INT, src.substring(start, pos), startLine, startCol);
    }
    for (String s : SYMBOLS) {
      if (src.startsWith(s, pos)) {
        for (int i = 0; i < s.length(); i++) {
          advance();
        }
        return new Token(Kind.SYMBOL, s, startLine, startCol);
      }
    }
    throw new VerifyException(
        "parse-error", "unexpected character '" + c + "'", startLine, startCol);
  }

  private void skipSpaceAndComments() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isWhitespace(c)) {
        advance();
      } else if (src.startsWith("//", pos)) {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          advance();
        }
      } else if (src.startsWith("/*", pos)) {
        int l = line;
        int k = col;
        advance();
        advance();
        while (pos < src.length() && !src.startsWith("*/", pos)) {
          advance();
        }
        if (pos >= src.length()) {
          throw new VerifyException("parse-error", "comment is never closed", l, k);
        }
        advance();
        advance();
      } else {
        return;
      }
    }
  }

  private void advance() {
    if (src.charAt(pos) == '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
    pos++;
  }
}
