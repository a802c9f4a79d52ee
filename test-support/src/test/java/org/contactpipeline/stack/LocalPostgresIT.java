package org.contactpipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL: durable across restarts, and recoverable after its JVM was killed. */
@Timeout(180)
class LocalPostgresIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir Path dataDir;

  @Test
  void shouldKeepCommittedRowsOnSecondStart() throws SQLException {
    try (LocalPostgres postgres = LocalPostgres.start(dataDir, 0)) {
      execute(postgres, "CREATE TABLE greeting (id int PRIMARY KEY, text varchar NOT NULL)");
      execute(postgres, "INSERT INTO greeting VALUES (1, 'kept')");
    }

    try (LocalPostgres postgres = LocalPostgres.start(dataDir, 0)) {
      assertThat(queryText(postgres, "SELECT text FROM greeting WHERE id = 1")).isEqualTo("kept");
    }
  }

  @Test
  void shouldRecoverEveryCommittedRowAfterACrashOnTheSamePort() throws SQLException {
    LocalPostgres crashed = LocalPostgres.start(dataDir, 0);
    execute(crashed, "CREATE TABLE greeting (id int PRIMARY KEY, text varchar NOT NULL)");
    execute(crashed, "INSERT INTO greeting VALUES (1, 'committed before the crash')");

    crashed.crash();
    assertThatThrownBy(() -> queryText(crashed, "SELECT 1")).isInstanceOf(SQLException.class);

    try (LocalPostgres restarted = crashed.restart()) {
      assertThat(restarted.jdbcUrl()).isEqualTo(crashed.jdbcUrl());
      assertThat(queryText(restarted, "SELECT text FROM greeting WHERE id = 1"))
          .isEqualTo("committed before the crash");
    }
  }

  @Test
  void shouldRefuseWritesButAnswerReadsWhileReadOnlyEvenOnASessionOpenedBefore()
      throws SQLException {
    try (LocalPostgres postgres = LocalPostgres.start(dataDir, 0);
        Connection openBefore =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement statement = openBefore.createStatement()) {
      statement.execute("CREATE TABLE greeting (id int PRIMARY KEY, text varchar NOT NULL)");
      statement.execute("INSERT INTO greeting VALUES (1, 'before')");

      postgres.setReadOnly(true);
      assertThatThrownBy(() -> statement.execute("INSERT INTO greeting VALUES (2, 'during')"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
      assertThat(queryText(postgres, "SELECT text FROM greeting WHERE id = 1")).isEqualTo("before");

      postgres.setReadOnly(false);
      statement.execute("INSERT INTO greeting VALUES (2, 'after')");
      assertThat(queryText(postgres, "SELECT text FROM greeting WHERE id = 2")).isEqualTo("after");
    }
  }

  @Test
  void shouldStopPostmasterOrphanedByKilledJvmAndReuseItsData() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PostgresInChildJvm.class.getName(),
                dataDir.toString())
            .redirectError(Redirect.appendTo(dataDir.resolve("child-jvm.log").toFile()))
            .start();
    try {
      String ready = firstLine(child);
      assertThat(ready).startsWith(PostgresInChildJvm.READY);

      child.destroyForcibly().onExit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      ProcessHandle orphan = postmasterOf(dataDir);
      assertThat(orphan.isAlive()).as("postmaster outlives the killed JVM").isTrue();

      try (LocalPostgres postgres = LocalPostgres.start(dataDir, 0)) {
        assertThat(orphan.isAlive()).isFalse();
        assertThat(queryText(postgres, "SELECT text FROM greeting WHERE id = 1"))
            .isEqualTo("from the killed JVM");
      }
    } finally {
      child.destroyForcibly();
    }
  }

  private static String firstLine(Process child) throws Exception {
    BufferedReader output =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return output.readLine();
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
  }

  private static ProcessHandle postmasterOf(Path dataDir) throws Exception {
    String pid =
        Files.readAllLines(dataDir.resolve("pgdata").resolve("postmaster.pid")).get(0).strip();
    return ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
  }

  static void execute(LocalPostgres postgres, String sql) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String queryText(LocalPostgres postgres, String sql) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).as("a row for %s", sql).isTrue();
      return rows.getString(1);
    }
  }
}
