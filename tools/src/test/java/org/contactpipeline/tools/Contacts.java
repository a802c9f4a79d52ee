package org.contactpipeline.tools;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code contacts} as a person would, through picocli, and keeps what it printed. */
final class Contacts {

  /** One run: its exit code and what it wrote to standard out and standard error. */
  record Run(int exitCode, String out, String err) {

    List<String> outLines() {
      return out.lines().toList();
    }
  }

  private Contacts() {}

  /** A fresh command line, as a new process of the tool would build it. */
  static Run run(Map<String, String> environment, String... args) {
    CommandLine commandLine = ContactsCommand.commandLine(environment);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  static Run run(String... args) {
    return run(Map.of(), args);
  }

  /** The same against one broker, named by the global option. */
  static Run on(String bootstrap, String... args) {
    List<String> all = new ArrayList<>(List.of("--bootstrap-servers", bootstrap));
    all.addAll(List.of(args));
    return run(Map.of(), all.toArray(String[]::new));
  }
}
