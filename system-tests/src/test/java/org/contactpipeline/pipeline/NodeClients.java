package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the vendors' own Node clients in {@code src/test/node} (npm packages pinned in its {@code
 * package.json} and lock file, installed with {@code npm ci}) as a caller would. A script prints
 * one JSON line per step; when it prints {@code {"step":"waiting"}} the test acts (moves a clock,
 * waits for the read side) and the script goes on after one line on its standard input. Only a
 * missing {@code node} skips a test; once Node.js is there, anything that breaks fails it.
 */
final class NodeClients {

  static final Path DIR = Path.of("src", "test", "node");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

  /**
   * Inherited proxy settings would send the clients elsewhere; a test that wants a proxy sets its
   * own.
   */
  private static final List<String> PROXY_VARIABLES =
      List.of(
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "NO_PROXY",
          "http_proxy",
          "https_proxy",
          "no_proxy",
          "ALL_PROXY",
          "all_proxy");

  private NodeClients() {}

  /** Skips the test, with one line saying why, where {@code node} is not on the PATH. */
  static void assumeNode(String what) {
    Assumptions.assumeTrue(
        runs("node", "--version"), "Node.js (node) not found on PATH: skipping " + what);
  }

  /** {@link #assumeNode} and {@link #install} of every package {@code package.json} names. */
  static void requireInstalled(String whatIsSkipped) throws IOException, InterruptedException {
    assumeNode(whatIsSkipped);
    List<String> all = new java.util.ArrayList<>();
    Api.JSON
        .readTree(DIR.resolve("package.json").toFile())
        .get("dependencies")
        .fieldNames()
        .forEachRemaining(all::add);
    install(all.toArray(String[]::new));
  }

  /**
   * {@code npm ci} from the lock file unless every one of {@code packages} is installed already.
   */
  static void install(String... packages) throws IOException, InterruptedException {
    boolean installed = true;
    for (String name : packages) {
      installed &= Files.isDirectory(DIR.resolve("node_modules").resolve(name));
    }
    if (installed) {
      return;
    }
    // Output to a file, not inherited: a forked test JVM's own stdout is the build's channel.
    Path log = Files.createTempFile("npm-ci", ".log");
    Process install =
        new ProcessBuilder(npm(), "ci", "--no-audit", "--no-fund")
            .directory(DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!install.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      install.destroy();
      throw new AssertionError(
          "npm ci did not finish within " + INSTALL_TIMEOUT + ":\n" + Files.readString(log));
    }
    assertThat(install.exitValue()).as("npm ci in %s:%n%s", DIR, Files.readString(log)).isZero();
  }

  /**
   * Runs {@code node <arguments>} in {@link #DIR} with {@code environment} and returns its steps by
   * name; {@code onWaiting} runs when the script waits. Fails unless the script exits 0 in time.
   */
  static Map<String, JsonNode> run(
      Map<String, String> environment, Runnable onWaiting, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("node"));
    command.addAll(List.of(arguments));
    Path errors = Files.createTempFile("node-client", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(DIR.toFile()).redirectError(errors.toFile());
    PROXY_VARIABLES.forEach(builder.environment()::remove);
    builder.environment().putAll(environment);
    Process node = builder.start();
    try {
      Map<String, JsonNode> steps = new LinkedHashMap<>();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        JsonNode step = Api.JSON.readTree(line);
        steps.put(step.get("step").asText(), step);
        if (step.get("step").asText().equals("waiting")) {
          onWaiting.run();
          try (Writer in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
            in.write("go\n");
          }
        }
      }
      assertThat(node.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("node exits").isTrue();
      String stderr = Files.readString(errors);
      assertThat(steps).as("steps of %s, stderr:%n%s", command, stderr).doesNotContainKey("error");
      assertThat(node.exitValue()).as("%s exit status, stderr:%n%s", command, stderr).isZero();
      return steps;
    } finally {
      node.destroy();
    }
  }

  private static boolean runs(String... command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
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
