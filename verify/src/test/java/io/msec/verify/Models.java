package io.msec.verify;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's models/ directory from the verify module's working directory. */
final class Models {
  private Models() {}

  static Path dir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path m = p.resolve("models");
      if (Files.isDirectory(m.resolve("classic"))) {
        return m;
      }
    }
    throw new IllegalStateException(
        "models/ directory not found above " + Path.of("").toAbsolutePath());
  }

  static Path file(String relative) {
    return dir().resolve(relative);
  }

  static FspModel load(String relative) {
    return FspModel.load(file(relative));
  }

  static SafetyResult safety(String relative) {
    FspModel m = load(relative);
    return new Checker(m).checkSafety(m.defaultProcess());
  }
}
