package io.msec.device.internal;

import io.msec.core.IoFailures;
import io.msec.core.MsecException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Datasets shipped inside the jar, under {@code io/msec/device/datasets/<name>/} with a {@code
 * files.txt} that lists their files (a class path has no directory listing).
 */
public final class BundledDatasets {
  /** The prefix that names a bundled dataset, e.g. {@code bundled:luftdaten-aberdeen-pm}. */
  public static final String PREFIX = "bundled:";

  private static final String ROOT = "/io/msec/device/datasets/";

  private BundledDatasets() {}

  /**
   * Copies bundled dataset {@code name} into {@code target} (created if needed) and returns it.
   *
   * @throws MsecException {@code unknown-dataset} if no such dataset is bundled
   */
  public static Path extract(String name, Path target) {
    List<String> files = list(name);
    try {
      for (String file : files) {
        Path out = target.resolve(file).normalize();
        if (!out.startsWith(target)) {
          throw new MsecException("dataset-io", "bundled file escapes its folder: " + file);
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = open(ROOT + name + "/" + file)) {
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return target;
    } catch (IOException e) {
      throw new MsecException(
          "dataset-io", "cannot extract bundled " + name + ": " + IoFailures.describe(e), e);
    }
  }

  /** The files of bundled dataset {@code name}, relative to its folder. */
  public static List<String> list(String name) {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new MsecException("unknown-dataset", "no bundled dataset named '" + name + "'");
    }
    try (InputStream in = BundledDatasets.class.getResourceAsStream(ROOT + name + "/files.txt")) {
      if (in == null) {
        throw new MsecException("unknown-dataset", "no bundled dataset named '" + name + "'");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    } catch (IOException e) {
      throw new MsecException(
          "dataset-io", "cannot read bundled " + name + ": " + IoFailures.describe(e), e);
    }
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = BundledDatasets.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("missing resource " + resource);
    }
    return in;
  }
}
