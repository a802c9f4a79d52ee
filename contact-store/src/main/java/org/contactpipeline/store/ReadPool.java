package org.contactpipeline.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.contactpipeline.config.DatabaseConfig;

/**
 * The connection pool behind ingest's reads. Every lookup would otherwise open a PostgreSQL
 * connection of its own (tens of milliseconds, and a backend process each).
 */
public final class ReadPool {

  private static final int MAX_CONNECTIONS = 8;

  private ReadPool() {}

  /**
   * A pool that starts even while PostgreSQL is down (reads then fail with 503 and /health says
   * why) and gives up on a connection after five seconds instead of holding the request.
   */
  public static HikariDataSource open(DatabaseConfig database) {
    return open(database, null);
  }

  /** The same, reporting its use ({@code hikaricp_*}) to {@code metrics} unless null. */
  public static HikariDataSource open(DatabaseConfig database, MeterRegistry metrics) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("ingest-reads");
    config.setDataSource(database.dataSource());
    config.setMaximumPoolSize(MAX_CONNECTIONS);
    config.setMinimumIdle(1);
    config.setReadOnly(true);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(-1);
    if (metrics != null) {
      config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
    }
    return new HikariDataSource(config);
  }
}
