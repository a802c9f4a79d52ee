package org.contactpipeline.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.contactpipeline.testing.Poll;

/**
 * A service of the pipeline in its own JVM, started as a deployment starts it: the module's own jar
 * plus the runtime classpath that module wrote at package time ({@code
 * target/runtime-classpath.txt}) and nothing else: the logging backend and its configuration come
 * with it (service-runtime), as in the Docker image. Readiness and liveness come from its own
 * health endpoints.
 */
final class ServiceJvm implements AutoCloseable {

  /**
   * Where each module is when {@code chaos.module.<module>} is not set (the chaos execution sets
   * it; another that runs these tests, selected by {@code -Dit.test}, does not).
   */
  private static final Map<String, String> MODULE_FOLDERS =
      Map.of("resolver", "resolver-streams", "sink", "sink-service", "ingest", "ingest-service");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final ChildJvm jvm;
  private final int healthPort;

  ServiceJvm(
      String name,
      String module,
      String mainClass,
      int healthPort,
      Map<String, String> environment,
      Path dir,
      ChildJvm.Tuning tuning) {
    this.jvm =
        new ChildJvm(
            name,
            runtimeClasspath(module),
            tuning,
            mainClass,
            List.of(),
            environment,
            dir.resolve(name + ".log"),
            dir.resolve(name + ".jsa"));
    this.healthPort = healthPort;
  }

  /**
   * The jar and runtime classpath of a service module, as {@code chaos.module.<module>} names its
   * target folder.
   */
  static String runtimeClasspath(String module) {
    Path target =
        Path.of(
            System.getProperty(
                "chaos.module." + module, "../" + MODULE_FOLDERS.get(module) + "/target"));
    Path classpathFile = target.resolve("runtime-classpath.txt");
    try (var jars = Files.list(target)) {
      Path jar =
          jars.filter(
                  file ->
                      file.getFileName().toString().endsWith(".jar")
                          && !file.getFileName().toString().endsWith("-tests.jar")
                          && !file.getFileName().toString().endsWith("-sources.jar"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no jar of " + module + " in " + target + "; build it first"));
      List<String> entries = new ArrayList<>();
      entries.add(jar.toAbsolutePath().toString());
      entries.addAll(
          Arrays.asList(
              Files.readString(classpathFile, StandardCharsets.UTF_8)
                  .strip()
                  .split(java.io.File.pathSeparator)));
      return String.join(java.io.File.pathSeparator, entries);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the runtime classpath of "
              + module
              + " in "
              + target
              + " (run ./mvnw install -DskipTests first)",
          e);
    }
  }

  String name() {
    return jvm.name();
  }

  void start() {
    jvm.start();
  }

  void kill() {
    jvm.kill();
  }

  /**
   * Stops it cleanly (SIGTERM) and starts it again, as a rolling restart would; the first such
   * restart gives every later start its class-data archive.
   */
  void restartCleanly() {
    jvm.stop();
    jvm.start();
  }

  void pause() {
    jvm.pause();
  }

  void resume() {
    jvm.resume();
  }

  int starts() {
    return jvm.starts();
  }

  boolean isAlive() {
    return jvm.isAlive();
  }

  /** The exit codes of the times it ended without the test killing it ({@link ChildJvm}). */
  List<Integer> exitsByItself() {
    return jvm.exitsByItself();
  }

  /** The operating system's process id, or -1 before the first start. */
  long pid() {
    return jvm.pid();
  }

  Path log() {
    return jvm.log();
  }

  /** The HTTP status of a health endpoint, or -1 when nothing answers. */
  int health(String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + path))
              .timeout(Duration.ofSeconds(2))
              .build();
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  boolean isReady() {
    return health("/health/ready") == 200;
  }

  boolean isLive() {
    return health("/health/live") == 200;
  }

  void awaitReady(Duration timeout) {
    if (!Poll.holdsWithin(timeout, this::isReady)) {
      throw new IllegalStateException(
          name() + " not ready within " + timeout + " (alive: " + isAlive() + "); see " + log());
    }
  }

  @Override
  public void close() {
    jvm.kill();
  }
}
