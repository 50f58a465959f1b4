package io.msec.node.cli;

import io.msec.core.IoFailures;
import io.msec.core.MsecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code msec} command. */
@Command(
    name = "msec",
    mixinStandardHelpOptions = true,
    versionProvider = MsecCommand.Version.class,
    description = "M-Sec: secure data exchange for smart cities.",
    subcommands = {
      NodeCommand.class,
      DemoCommand.class,
      DeviceCommand.class,
      LedgerCommand.class,
      MarketCommand.class,
      CheckCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class MsecCommand implements java.util.concurrent.Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** {@code msec} alone: which commands there are, and a failure status, since nothing ran. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /**
   * The configured command line: errors of M-Sec are printed as one line with their code and the
   * process exits with status 2 (bad input) rather than with a stack trace.
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new MsecCommand());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof MsecException m) {
            commandLine.getErr().println("msec: " + m.getMessage() + " [" + m.code() + "]");
            return 2;
          }
          if (e instanceof java.nio.file.NoSuchFileException n) {
            commandLine.getErr().println("msec: no such file: " + n.getFile() + " [no-such-file]");
            return 2;
          }
          if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            commandLine.getErr().println("msec: " + IoFailures.describe(e) + " [io]");
            return 2;
          }
          if (e instanceof IllegalArgumentException) {
            commandLine.getErr().println("msec: " + e.getMessage() + " [bad-input]");
            return 2;
          }
          throw e;
        });
    // Bad options are input errors too: one line saying what is wrong, with a code and where help
    // is, rather than the whole usage text after it.
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine c = e.getCommandLine();
          c.getErr()
              .println(
                  "msec: "
                      + e.getMessage()
                      + " [bad-option] (see: "
                      + c.getCommandSpec().qualifiedName()
                      + " --help)");
          return 2;
        });
    return cli;
  }

  /** Reads the version from the jar's manifest, if any. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = MsecCommand.class.getPackage().getImplementationVersion();
      return new String[] {"msec " + (v == null ? "development build" : v)};
    }
  }
}
