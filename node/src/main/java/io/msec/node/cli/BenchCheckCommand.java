package io.msec.node.cli;

import io.msec.verify.bench.CheckBench;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code msec bench check}: states explored per second and peak heap of the model checker on the
 * dining philosophers, SPIN's time on the same Promela model, and one scaled platform model.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Measure the model checker (states/s, peak heap) against SPIN.")
public final class BenchCheckCommand implements Callable<Integer> {
  @Option(names = "--from", defaultValue = "4", description = "Fewest philosophers (default 4).")
  int from;

  @Option(names = "--to", defaultValue = "10", description = "Most philosophers (default 10).")
  int to;

  @Option(
      names = "--models",
      defaultValue = "models",
      description = "The models directory (default ./models).")
  Path models;

  @Option(
      names = "--buyers",
      defaultValue = "10",
      description = "Buyers in the scaled keys model; 0 to skip (default 10).")
  int buyers;

  @Override
  public Integer call() throws IOException {
    Path pml = models.resolve("classic/diners.pml");
    List<CheckBench.Row> rows =
        new ArrayList<>(CheckBench.diners(from, to, Files.exists(pml) ? pml : null));
    if (buyers > 0) {
      rows.add(CheckBench.keys(models.resolve("keys.fsp"), buyers));
    }
    CheckBench.print(rows, System.out);
    System.out.println(
        "target: at least 1,000,000 states/s; ratio = our seconds / SPIN pan seconds (SPIN compile"
            + " not counted)");
    return 0;
  }
}
