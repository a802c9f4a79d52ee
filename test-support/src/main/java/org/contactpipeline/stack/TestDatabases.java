package org.contactpipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.contactpipeline.config.DatabaseConfig;

/**
 * Empty databases on one embedded PostgreSQL server shared by the database tests of this JVM: the
 * server takes seconds to start, a database a fraction of one, and a database per test class keeps
 * the classes independent.
 */
public final class TestDatabases {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static LocalPostgres server;

  private TestDatabases() {}

  /** A new, empty database (no schema). */
  public static DataSource fresh() {
    return freshConfig().dataSource();
  }

  /**
   * Where a new, empty database is: for a test that hands it to a service, or to a process of its
   * own.
   */
  public static DatabaseConfig freshConfig() {
    LocalPostgres postgres = server();
    String name = "store_test_" + COUNTER.incrementAndGet();
    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    String url = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1) + name;
    return new DatabaseConfig(url, postgres.user(), postgres.password());
  }

  private static synchronized LocalPostgres server() {
    if (server == null) {
      try {
        server = LocalPostgres.start(Files.createTempDirectory("contact-store-it"), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-databases-shutdown"));
    }
    return server;
  }
}
