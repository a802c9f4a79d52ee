package org.contactpipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker image's entrypoint, {@code deploy/docker/start-service.sh}, run by {@code sh} with a
 * stand-in {@code java} on the PATH that prints the arguments it was given, one per line.
 */
class StartServiceScriptTest {

  private static final Path SCRIPT =
      Path.of(System.getProperty("basedir", "."))
          .toAbsolutePath()
          .getParent()
          .resolve("deploy/docker/start-service.sh");

  @TempDir Path dir;
  private Path libraries;
  private Path bin;

  @BeforeEach
  void standInJavaAndLibraries() throws IOException {
    libraries = Files.createDirectories(dir.resolve("lib"));
    Files.writeString(libraries.resolve("service.jar"), "not really a jar");
    bin = Files.createDirectories(dir.resolve("bin"));
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\nfor argument in \"$@\"; do echo \"$argument\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void shouldRunTheMainClassWithJavaOptsAndTheContainersArguments() throws Exception {
    List<String> java = run(Map.of("JAVA_OPTS", "-Xmx64m -Dname=value"), "admin", "check");

    assertThat(java)
        .containsExactly(
            "-Xmx64m",
            "-Dname=value",
            "-cp",
            libraries + "/*",
            "org.example.Service",
            "admin",
            "check");
  }

  @Test
  void shouldWriteTheClassArchiveAtExitOnTheFirstStartAndMapItOnTheNext() throws Exception {
    Path archives = dir.resolve("archives");

    List<String> first = run(Map.of("CLASS_ARCHIVE_DIR", archives.toString()));
    assertThat(first.get(0)).startsWith("-XX:ArchiveClassesAtExit=" + archives + "/Service-");
    assertThat(archives).isDirectory();

    Path archive = Path.of(first.get(0).substring(first.get(0).indexOf('=') + 1));
    Files.writeString(archive, "what the JVM wrote at exit");
    List<String> next = run(Map.of("CLASS_ARCHIVE_DIR", archives.toString()));
    assertThat(next.get(0)).isEqualTo("-XX:SharedArchiveFile=" + archive);
  }

  @Test
  void shouldNameANewImagesArchiveAfterItsLibrariesSoNoOldArchiveIsMapped() throws Exception {
    Path archives = dir.resolve("archives");
    String before = run(Map.of("CLASS_ARCHIVE_DIR", archives.toString())).get(0);

    Files.writeString(libraries.resolve("service-2.jar"), "another release");
    String after = run(Map.of("CLASS_ARCHIVE_DIR", archives.toString())).get(0);

    assertThat(after).startsWith("-XX:ArchiveClassesAtExit=").isNotEqualTo(before);
  }

  private List<String> run(Map<String, String> environment, String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("sh", SCRIPT.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = new HashMap<>(environment);
    env.put("PATH", bin + ":/usr/bin:/bin");
    env.put("MAIN_CLASS", "org.example.Service");
    env.put("LIBRARIES", libraries.toString());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the script finished").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().toList();
  }
}
