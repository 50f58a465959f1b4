package io.msec.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Model texts shared by tests. */
final class FspModelsText {
  static final String PURCHASE = read("purchase.fsp");

  private FspModelsText() {}

  private static String read(String file) {
    try {
      return Files.readString(Models.file(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
