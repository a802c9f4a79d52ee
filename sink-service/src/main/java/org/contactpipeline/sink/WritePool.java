package org.contactpipeline.sink;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.contactpipeline.config.DatabaseConfig;

/**
 * The sink's connections to PostgreSQL: one per thread that writes (the materializer, the operation
 * recorder, the job recorder, the job item recorder, the announcer, the callback deliverer, the
 * retention sweep) plus one for health checks, kept open. The pool starts while PostgreSQL is down,
 * so that the writers' retry loop, not the constructor, meets the outage.
 */
final class WritePool {

  private static final int MAX_CONNECTIONS = 8;

  private WritePool() {}

  /**
   * @param metrics where the pool reports its use ({@code hikaricp_*}: active, idle, pending,
   *     acquire time)
   */
  static HikariDataSource open(DatabaseConfig database, MeterRegistry metrics) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("sink-writes");
    config.setDataSource(database.dataSource());
    config.setMaximumPoolSize(MAX_CONNECTIONS);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(-1);
    config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
    return new HikariDataSource(config);
  }
}
