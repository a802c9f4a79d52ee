package org.contactpipeline.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code contacts admin dead-letters}: the records the pipeline refused. */
@Command(
    name = "dead-letters",
    mixinStandardHelpOptions = true,
    subcommands = {DeadLettersListCommand.class, DeadLettersReplayCommand.class},
    description = "List the records on contact.dead-letters, and replay them after a fix.")
final class DeadLettersCommand implements Runnable {

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing a command: list or replay");
  }
}
