package io.msec.node;

import io.msec.node.cli.MsecCommand;

/** Entry point of the {@code msec} command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(MsecCommand.commandLine().execute(args));
  }
}
