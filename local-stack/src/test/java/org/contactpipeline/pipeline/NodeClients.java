package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js clients under {@code src/test/node}: pinned in its {@code package.json} and lock file,
 * installed with {@code npm ci} when one of them is missing. A test that drives them is skipped with
 * one line when Node.js or npm is not on the PATH.
 */
final class NodeClients {

  static final Path DIR = Path.of("src", "test", "node");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);

  private NodeClients() {
  }

  /** Skips the calling test unless Node.js and npm run; then installs the clients if needed. */
  static void requireInstalled(String whatIsSkipped) throws IOException, InterruptedException {
    Assumptions.assumeTrue(runs("node", "--version") && runs(npm(), "--version"),
        "Node.js or npm not found on PATH: skipping " + whatIsSkipped);
    if (allInstalled()) {
      return;
    }
    // To a file, never to this JVM's own stdout: the test runner talks to its fork over that stream.
    Path log = Path.of("target", "npm-ci.log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    Process install = new ProcessBuilder(npm(), "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!install.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      install.destroy();
      throw new AssertionError("npm ci did not finish within " + INSTALL_TIMEOUT + "; see " + log);
    }
    assertThat(install.exitValue()).as("npm ci in %s; its output:%n%s", DIR, Files.readString(log)).isZero();
  }

  private static boolean allInstalled() throws IOException {
    JsonNode dependencies = Api.JSON.readTree(DIR.resolve("package.json").toFile()).get("dependencies");
    for (Iterator<String> names = dependencies.fieldNames(); names.hasNext(); ) {
      if (!Files.isDirectory(DIR.resolve("node_modules").resolve(names.next()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean runs(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroy();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String npm() {
    return File.separatorChar == '\\' ? "npm.cmd" : "npm";
  }
}
