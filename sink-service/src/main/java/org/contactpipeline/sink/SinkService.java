package org.contactpipeline.sink;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import java.net.InetSocketAddress;
import java.util.List;
import org.contactpipeline.config.Settings;
import org.contactpipeline.health.DatabaseHealth;
import org.contactpipeline.health.ExitProcess;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthServer;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.health.SchemaRegistryHealth;
import org.contactpipeline.logging.ServiceLogging;
import org.contactpipeline.metrics.MetricNames;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.store.ChangelogEntry;
import org.contactpipeline.store.ContactSchema;
import org.contactpipeline.store.ContactTable;
import org.contactpipeline.store.DeleteOperationTable;

/**
 * Lifecycle of sink-service: migrates the database, then runs the changelog materializer and the
 * operation recorder until closed. Both write through one small connection pool: opening a
 * PostgreSQL session per batch cost more than writing the batch.
 */
public final class SinkService implements AutoCloseable {

  private final SinkConfig config;
  private final HikariDataSource dataSource;
  private final Runnable onFatalError;
  private final ServiceMetrics metrics = ServiceMetrics.create("sink");
  // Volatile: the running gauges read them without the lock, so a scrape never waits for a start.
  private volatile TopicToTable<ChangelogEntry> materializer;
  private volatile TopicToTable<ContactResult> operations;

  public SinkService(SinkConfig config) {
    this(config, () -> {});
  }

  /**
   * @param onFatalError called if the materializer or the operation recorder stops unexpectedly; a
   *     stand-alone process exits so that its supervisor restarts it
   */
  public SinkService(SinkConfig config, Runnable onFatalError) {
    this.config = config;
    this.dataSource = WritePool.open(config.database(), metrics.registry());
    this.onFatalError = onFatalError;
    // Over this service, not one consumer thread: a restarted sink keeps reporting.
    for (String consumer : List.of(ChangelogMaterializer.NAME, OperationRecorder.NAME)) {
      Gauge.builder(MetricNames.CONSUMER_RUNNING, this, service -> service.running(consumer))
          .tag("consumer", consumer)
          .register(metrics.registry());
    }
  }

  private double running(String consumer) {
    TopicToTable<?> table = consumer.equals(ChangelogMaterializer.NAME) ? materializer : operations;
    return table != null && table.isRunning() ? 1 : 0;
  }

  public synchronized void start() {
    ContactSchema.migrate(dataSource);
    materializer =
        ChangelogMaterializer.create(config, new ContactTable(dataSource), onFatalError, metrics);
    materializer.start();
    operations =
        OperationRecorder.create(
            config, new DeleteOperationTable(dataSource), onFatalError, metrics);
    operations.start();
  }

  /** This service's metrics, served at {@code /metrics} on the health port. */
  public ServiceMetrics metrics() {
    return metrics;
  }

  /** Up when the materializer and operation recorder threads are alive. */
  public HealthCheck consumersHealthCheck() {
    return HealthCheck.of(
        "sink-consumers",
        () -> {
          String stopped = stoppedConsumer();
          return stopped == null
              ? HealthStatus.up("materializer and operation recorder running")
              : HealthStatus.down(stopped + " stopped");
        });
  }

  /**
   * Live while the materializer and operation recorder threads are alive: what a supervisor
   * restarts on.
   */
  public HealthCheck liveCheck() {
    return consumersHealthCheck();
  }

  /** Ready when the registry holds this release's schemas (always, without a registry). */
  public HealthCheck schemaRegistryCheck() {
    return SchemaRegistryHealth.of(config.wireFormat());
  }

  /** Ready when PostgreSQL answers a trivial query within two seconds. */
  public HealthCheck databaseHealthCheck() {
    return DatabaseHealth.of(dataSource);
  }

  /** The first database consumer whose thread is not alive, or null when both run. */
  private synchronized String stoppedConsumer() {
    if (materializer == null || !materializer.isRunning()) {
      return "materializer";
    }
    if (operations == null || !operations.isRunning()) {
      return "operation recorder";
    }
    return null;
  }

  @Override
  public synchronized void close() {
    if (operations != null) {
      operations.close();
      operations = null;
    }
    if (materializer != null) {
      materializer.close();
      materializer = null;
    }
    dataSource.close();
    metrics.close();
  }

  /** Runs sink-service alone: defaults, then CONFIG_FILE, then environment. */
  public static void main(String[] args) {
    ServiceLogging.identify("sink-service");
    Settings settings = Settings.load(SinkConfig.DEFAULTS);
    SinkService service = new SinkService(SinkConfig.from(settings), ExitProcess::afterFatalError);
    // Up before the migration and the consumers, so that a supervisor sees "not ready yet".
    HealthServer health =
        HealthServer.start(
            new InetSocketAddress(settings.integer("health.port")),
            List.of(service.liveCheck()),
            List.of(
                service.consumersHealthCheck(),
                service.databaseHealthCheck(),
                service.schemaRegistryCheck()),
            service.metrics()::scrape);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  health.close();
                },
                "sink-shutdown"));
    service.start();
  }
}
