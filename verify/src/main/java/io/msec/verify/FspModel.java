package io.msec.verify;

import io.msec.verify.internal.fsp.Definitions;
import io.msec.verify.internal.fsp.Parser;
import io.msec.verify.internal.fsp.SystemCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed FSP specification (the subset of docs/fsp.md). Immutable once parsed; processes are
 * compiled on demand by a {@link Checker}.
 *
 * <pre>{@code
 * FspModel m = FspModel.parse("P = (a -> b -> P).");
 * SafetyResult r = new Checker(m).checkSafety("P");
 * }</pre>
 *
 * @throws VerifyException with code {@code parse-error} or {@code model-error} from the factories
 */
public final class FspModel {
  private final Definitions defs;
  private final SystemCompiler compiler;

  private FspModel(Definitions defs) {
    this.defs = defs;
    this.compiler = new SystemCompiler(defs);
  }

  /** Parses FSP source text. */
  public static FspModel parse(String source) {
    return new FspModel(new Definitions(Parser.parse(source)));
  }

  /** Reads and parses an FSP file (UTF-8). */
  public static FspModel load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names of all primitive and composite processes, in declaration order. */
  public List<String> processes() {
    List<String> out = new ArrayList<>(defs.processes().keySet());
    out.addAll(defs.composites().keySet());
    return out;
  }

  /** The last process or composite declared: what is checked when no name is given. */
  public String defaultProcess() {
    if (defs.lastProcess() == null) {
      throw new VerifyException("unknown-process", "the specification declares no process");
    }
    return defs.lastProcess();
  }

  /** Names of the progress declarations. */
  public List<String> progressNames() {
    return List.copyOf(defs.progress().keySet());
  }

  /** Names of the {@code controller ||C = (P)~{G}.} declarations. */
  public List<String> controllers() {
    return List.copyOf(defs.controllers().keySet());
  }

  /** Names of the {@code controllerSpec} goal declarations. */
  public List<String> goals() {
    return List.copyOf(defs.specs().keySet());
  }

  Definitions definitions() {
    return defs;
  }

  SystemCompiler compiler() {
    return compiler;
  }
}
