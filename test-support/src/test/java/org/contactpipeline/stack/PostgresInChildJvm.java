package org.contactpipeline.stack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs in a separate JVM that {@link LocalPostgresIT} kills with SIGKILL, to leave a real orphaned
 * postmaster behind: starts PostgreSQL, commits a row, reports readiness, then waits.
 */
final class PostgresInChildJvm {

  static final String READY = "READY";

  private PostgresInChildJvm() {}

  public static void main(String[] args) throws Exception {
    LocalPostgres postgres = LocalPostgres.start(Path.of(args[0]), 0);
    LocalPostgresIT.execute(
        postgres, "CREATE TABLE greeting (id int PRIMARY KEY, text varchar NOT NULL)");
    LocalPostgresIT.execute(postgres, "INSERT INTO greeting VALUES (1, 'from the killed JVM')");
    System.out.println(READY + " " + postgres.jdbcUrl());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
