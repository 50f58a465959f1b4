package io.msec.verify.bench;

import io.msec.verify.VerifyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the SPIN model checker on a Promela file: {@code spin -o3 -a}, {@code gcc -DNOREDUCE}, then
 * {@code ./pan}, all inside a working directory of the caller's choosing. Statement merging and
 * partial-order reduction are off so that state counts are comparable with an FSP encoding that
 * maps one action to one Promela statement.
 */
public final class SpinRunner {
  private static final Pattern STORED = Pattern.compile("(\\d+) states, stored");
  private static final Pattern TRANSITIONS = Pattern.compile("(\\d+) transitions \\(");
  private static final Pattern ERRORS = Pattern.compile("errors: (\\d+)");
  private static final Pattern CPU = Pattern.compile("pan-cpu ([0-9.]+) ([0-9.]+)");
  private static final Path TIME = Path.of("/usr/bin/time");

  /**
   * What {@code pan} reported.
   *
   * @param errors number of errors found
   * @param deadlock whether an invalid end state (deadlock) was reported
   * @param assertion whether an assertion violation was reported
   * @param states states stored
   * @param transitions transitions taken, as SPIN counts them (stored + matched)
   * @param panNanos wall time of {@code ./pan} alone
   * @param panCpuNanos user plus system CPU time of {@code ./pan}, or -1 if /usr/bin/time is
   *     missing
   * @param output the full output of {@code ./pan}
   */
  public record Result(
      int errors,
      boolean deadlock,
      boolean assertion,
      long states,
      long transitions,
      long panNanos,
      long panCpuNanos,
      String output) {}

  private SpinRunner() {}

  /** Whether a {@code spin} executable is on the PATH. */
  public static boolean available() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "spin"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Verifies {@code pml} in {@code workDir} (which receives pan.c and the executable).
   *
   * @param defines preprocessor definitions such as {@code N=6}
   * @param panArgs extra arguments for pan, e.g. {@code -E} to ignore invalid end states
   */
  public static Result verify(Path pml, Path workDir, List<String> defines, String... panArgs) {
    if (!available()) {
      throw new VerifyException(
          "spin-missing", "spin is not on the PATH: install the Debian package 'spin'");
    }
    try {
      Path model = workDir.resolve("model.pml");
      Files.copy(pml, model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      List<String> spin = new ArrayList<>(List.of("spin", "-o3"));
      defines.forEach(d -> spin.add("-D" + d));
      spin.addAll(List.of("-a", "model.pml"));
      run(workDir, spin);
      run(
          workDir,
          List.of(
              "gcc",
              "-O2",
              "-DNOREDUCE",
              "-DVECTORSZ=4096",
              "-DMEMLIM=16000",
              "-o",
              "pan",
              "pan.c"));
      return rerun(workDir, panArgs);
    } catch (IOException e) {
      throw new VerifyException("spin-failed", "cannot run spin: " + e.getMessage());
    }
  }

  /** Runs the {@code pan} built by an earlier {@link #verify} in {@code workDir} again. */
  public static Result rerun(Path workDir, String... panArgs) {
    try {
      List<String> pan = new ArrayList<>();
      if (Files.isExecutable(TIME)) {
        pan.addAll(List.of(TIME.toString(), "-f", "pan-cpu %U %S"));
      }
      pan.add("./pan");
      if (Arrays.stream(panArgs).noneMatch(a -> a.startsWith("-m"))) {
        pan.add("-m10000000");
      }
      pan.addAll(List.of(panArgs));
      long start = System.nanoTime();
      String out = run(workDir, pan);
      long nanos = System.nanoTime() - start;
      return new Result(
          (int) number(ERRORS, out),
          out.contains("invalid end state ("),
          out.contains("assertion violated"),
          number(STORED, out),
          number(TRANSITIONS, out),
          nanos,
          cpuNanos(out),
          out);
    } catch (IOException e) {
      throw new VerifyException("spin-failed", "cannot run spin: " + e.getMessage());
    }
  }

  private static long cpuNanos(String out) {
    Matcher m = CPU.matcher(out);
    if (!m.find()) {
      return -1;
    }
    return (long) ((Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))) * 1e9);
  }

  private static long number(Pattern p, String out) {
    Matcher m = p.matcher(out);
    if (!m.find()) {
      throw new VerifyException("spin-failed", "unexpected pan output: " + out);
    }
    return Long.parseLong(m.group(1));
  }

  private static String run(Path dir, List<String> command) throws IOException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new VerifyException("spin-failed", String.join(" ", command) + " timed out");
      }
      if (p.exitValue() != 0 && !command.contains("./pan")) {
        throw new VerifyException(
            "spin-failed", String.join(" ", command) + " failed: " + out.strip());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VerifyException("spin-failed", "interrupted");
    }
  }
}
