package org.contactpipeline.ingest.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;

/** Readiness of the read side's database, for a stand-alone ingest instance's {@code /health}. */
public final class DatabaseHealth {

  private static final int VALID_WITHIN_SECONDS = 2;

  private DatabaseHealth() {
  }

  /** Ready when PostgreSQL answers a trivial query within two seconds. */
  public static HealthCheck of(DataSource dataSource) {
    return HealthCheck.of("database", () -> {
      try (Connection connection = dataSource.getConnection()) {
        return connection.isValid(VALID_WITHIN_SECONDS)
            ? HealthStatus.up("answers") : HealthStatus.down("connection not valid");
      } catch (SQLException e) {
        return HealthStatus.down(e.getMessage());
      }
    });
  }
}
