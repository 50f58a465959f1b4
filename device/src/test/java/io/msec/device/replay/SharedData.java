package io.msec.device.replay;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared datasets: {@code ../shared/data} from the repository root, looked up from the
 * working directory and its parents so that tests run from the root or from the module.
 */
final class SharedData {
  private SharedData() {}

  /** The folder of dataset {@code name}; the test is skipped if the data is not there. */
  static Path folder(String name) {
    Path dir = Path.of("").toAbsolutePath();
    for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
      Path candidate = dir.resolve("../shared/data").resolve(name).normalize();
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    assumeTrue(false, "shared dataset " + name + " not found next to the repository");
    return null;
  }
}
