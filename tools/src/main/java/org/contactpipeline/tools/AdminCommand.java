package org.contactpipeline.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code contacts admin}: what an operator of a running pipeline needs. */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    subcommands = {DeadLettersCommand.class, HistoryCommand.class, CheckCommand.class},
    description = "Operate a running pipeline: dead letters, a contact's history, the deployment.")
final class AdminCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing a command: dead-letters, history or check");
  }
}
