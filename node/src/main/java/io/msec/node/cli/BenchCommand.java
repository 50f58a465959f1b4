package io.msec.node.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code msec bench ...}: whole-system measurements. Figures are reported, never asserted. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure M-Sec on this machine and compare with a peer where one exists.",
    subcommands = {
      BenchIngestCommand.class,
      BenchLedgerCommand.class,
      BenchCheckCommand.class,
      BenchMarketCommand.class
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
