package org.contactpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry as a child process of the local stack: a real schema registry speaking the
 * Confluent API under {@code /apis/ccompat/v6}, keeping its schemas in a database of the stack's
 * PostgreSQL, so a restarted registry has every schema under the same ID. It runs from the jar that
 * the {@code schema-registry} module builds out of Apicurio's Maven Central artifacts.
 *
 * <p>Layout of its directory: {@code registry.log} (its output), {@code registry.pid} (to stop a
 * registry that a killed JVM left behind, as {@link OrphanPostmaster} does for PostgreSQL).
 */
public final class LocalSchemaRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalSchemaRegistry.class);

  /** The database it keeps its schemas in, beside the pipeline's. */
  public static final String DATABASE = "schema_registry";

  private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);
  private static final Duration STOP_WAIT = Duration.ofSeconds(20);
  private static final String API_PATH = "/apis/ccompat/v6";

  private final ProcessBuilder launch;
  private final Path pidFile;
  private final int port;
  private final Path log;
  private Process process;

  private LocalSchemaRegistry(ProcessBuilder launch, Path pidFile, int port, Path log) {
    this.launch = launch;
    this.pidFile = pidFile;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the registry and returns once its API answers.
   *
   * @param runnerJar the jar the schema-registry module builds ({@link #findRunnerJar})
   * @param dir directory for its log and pid file
   * @param postgresUrl JDBC URL of any database of the PostgreSQL server to keep the schemas on
   * @param port TCP port on 127.0.0.1, or 0 for a free one
   */
  public static LocalSchemaRegistry start(
      Path runnerJar, Path dir, String postgresUrl, String user, String password, int port) {
    return start(runnerJar, dir, postgresUrl, DATABASE, user, password, port);
  }

  /** The same, keeping the schemas in the named database of that server (created if missing). */
  public static LocalSchemaRegistry start(
      Path runnerJar,
      Path dir,
      String postgresUrl,
      String database,
      String user,
      String password,
      int port) {
    if (!Files.isRegularFile(runnerJar)) {
      throw new IllegalStateException(
          "no schema registry at "
              + runnerJar
              + ": build it with "
              + "./mvnw -q -pl schema-registry package (or -am of local-stack)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path pidFile = dir.resolve("registry.pid");
    stopOrphan(pidFile, runnerJar);
    String databaseUrl = ensureDatabase(postgresUrl, database, user, password);
    int chosen = FreePort.orPick(port);
    Path log = dir.resolve("registry.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                javaExecutable(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                // Loopback only; few connections, this is one developer's registry.
                "-Dquarkus.http.host=127.0.0.1",
                "-D%prod.quarkus.datasource.jdbc.initial-size=1",
                "-D%prod.quarkus.datasource.jdbc.min-size=1",
                "-D%prod.quarkus.datasource.jdbc.max-size=8",
                "-jar",
                runnerJar.toString())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile()));
    Map<String, String> environment = builder.environment();
    environment.put("HTTP_PORT", Integer.toString(chosen));
    environment.put("REGISTRY_DATASOURCE_URL", databaseUrl);
    environment.put("REGISTRY_DATASOURCE_USERNAME", user);
    environment.put("REGISTRY_DATASOURCE_PASSWORD", password);
    LocalSchemaRegistry registry = new LocalSchemaRegistry(builder, pidFile, chosen, log);
    registry.launch();
    return registry;
  }

  /**
   * Stops the registry and starts it again on the same port and database, as an operator's restart
   * would.
   */
  public void restart() {
    close();
    launch();
  }

  private void launch() {
    long begin = System.nanoTime();
    try {
      process = launch.start();
      Files.writeString(pidFile, Long.toString(process.pid()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the schema registry " + launch.command(), e);
    }
    try {
      awaitApi(begin);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    LOG.info(
        "schema registry (Apicurio) at {} started in {} ms (log {})",
        url(),
        (System.nanoTime() - begin) / 1_000_000,
        log);
  }

  /**
   * The jar of the {@code schema-registry} module: {@code STACK_SCHEMA_REGISTRY_JAR} if set, else
   * {@code schema-registry/target/schema-registry-*-runner.jar} in this directory or the one above.
   */
  public static Path findRunnerJar(String configured) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path root : List.of(Path.of(""), Path.of(".."))) {
      Path target = root.resolve("schema-registry").resolve("target").toAbsolutePath().normalize();
      if (Files.isDirectory(target)) {
        try (Stream<Path> files = Files.list(target)) {
          Optional<Path> runner =
              files
                  .filter(file -> file.getFileName().toString().endsWith("-runner.jar"))
                  .findFirst();
          if (runner.isPresent()) {
            return runner.get();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return Path.of("schema-registry", "target", "schema-registry-runner.jar").toAbsolutePath();
  }

  /** The Confluent-compatible API: what {@code SCHEMA_REGISTRY_URL} is set to. */
  public String url() {
    return "http://127.0.0.1:" + port + API_PATH;
  }

  public int port() {
    return port;
  }

  /**
   * Stops the registry (SIGTERM, then SIGKILL if it does not go); its schemas stay in PostgreSQL.
   */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    LOG.info("schema registry at {} stopped", url());
  }

  private void awaitApi(long begin) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest subjects =
        HttpRequest.newBuilder(URI.create(url() + "/subjects"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = begin + STARTUP_WAIT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the schema registry exited with "
                + process.exitValue()
                + "; see "
                + log
                + ":\n"
                + tail());
      }
      try {
        if (http.send(subjects, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the schema registry", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the schema registry did not answer within "
                + STARTUP_WAIT
                + "; see "
                + log
                + ":\n"
                + tail());
      }
      try {
        process.waitFor(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the schema registry", e);
      }
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Creates the registry's database on first use; returns its JDBC URL. */
  private static String ensureDatabase(
      String postgresUrl, String database, String user, String password) {
    try (Connection connection = DriverManager.getConnection(postgresUrl, user, password)) {
      boolean exists;
      try (PreparedStatement query =
          connection.prepareStatement("select 1 from pg_database where datname = ?")) {
        query.setString(1, database);
        exists = query.executeQuery().next();
      }
      if (!exists) {
        try (Statement create = connection.createStatement()) {
          create.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the schema registry's database on " + postgresUrl + ": " + e.getMessage(),
          e);
    }
    int query = postgresUrl.indexOf('?');
    String base = query < 0 ? postgresUrl : postgresUrl.substring(0, query);
    String rest = query < 0 ? "" : postgresUrl.substring(query);
    return base.substring(0, base.lastIndexOf('/') + 1) + database + rest;
  }

  /** Stops a registry an earlier, killed run left holding its port and database. */
  private static void stopOrphan(Path pidFile, Path runnerJar) {
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              handle ->
                  handle
                      .info()
                      .commandLine()
                      .map(line -> line.contains(runnerJar.getFileName().toString()))
                      .orElse(false))
          .ifPresent(
              orphan -> {
                LOG.warn(
                    "schema registry (pid {}) from an earlier run is still running; stopping it",
                    pid);
                orphan.destroy();
                orphan
                    .onExit()
                    .orTimeout(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(
                        error -> {
                          orphan.destroyForcibly();
                          return orphan;
                        })
                    .join();
              });
    } catch (IOException | NumberFormatException e) {
      LOG.warn("cannot read {}: {}", pidFile, e.toString());
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
