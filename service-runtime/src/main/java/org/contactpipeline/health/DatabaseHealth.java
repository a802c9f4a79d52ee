package org.contactpipeline.health;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Readiness of PostgreSQL, for the {@code /health} of every service that uses it. */
public final class DatabaseHealth {

  private static final int VALID_WITHIN_SECONDS = 2;

  private DatabaseHealth() {}

  /** Ready when PostgreSQL answers a trivial query within two seconds. */
  public static HealthCheck of(DataSource dataSource) {
    return HealthCheck.of(
        "database",
        () -> {
          try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALID_WITHIN_SECONDS)
                ? HealthStatus.up("answers")
                : HealthStatus.down("connection not valid");
          } catch (SQLException e) {
            return HealthStatus.down(e.getMessage());
          }
        });
  }
}
