package org.contactpipeline.sink;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.kafka.streams.KafkaStreams;
import org.contactpipeline.config.Settings;
import org.contactpipeline.config.StreamsApp;
import org.contactpipeline.health.ExitProcess;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;
import org.flywaydb.core.Flyway;

/**
 * Lifecycle of sink-service: migrates the database, then runs the response gatherer (Kafka
 * Streams) and the changelog materializer until closed.
 */
public final class SinkService implements AutoCloseable {

  private final SinkConfig config;
  private final DataSource dataSource;
  private final Runnable onFatalError;
  private StreamsApp gather;
  private ChangelogMaterializer materializer;

  public SinkService(SinkConfig config) {
    this(config, () -> { });
  }

  /**
   * @param onFatalError called if the gatherer dies for good (state ERROR) or the materializer
   *     stops unexpectedly; a stand-alone process exits so that its supervisor restarts it
   */
  public SinkService(SinkConfig config, Runnable onFatalError) {
    this.config = config;
    this.dataSource = config.database().dataSource();
    this.onFatalError = onFatalError;
  }

  public synchronized void start() {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    gather = StreamsApp.start("sink-gather", ResponseGatherTopology.build(config), config.gather(), onFatalError);
    materializer = new ChangelogMaterializer(config, new ContactTable(dataSource), onFatalError);
    materializer.start();
  }

  /** RUNNING when the gatherer is RUNNING and the materializer thread is alive. */
  public HealthCheck streamsHealthCheck() {
    return HealthCheck.of("sink-streams", () -> {
      KafkaStreams.State state = gatherState();
      if (state != KafkaStreams.State.RUNNING) {
        return HealthStatus.down(state.name());
      }
      return isMaterializing() ? HealthStatus.up(state.name()) : HealthStatus.down("materializer stopped");
    });
  }

  /** Ready when PostgreSQL answers a trivial query within two seconds. */
  public HealthCheck databaseHealthCheck() {
    return HealthCheck.of("database", () -> {
      try (Connection connection = dataSource.getConnection()) {
        return connection.isValid(2) ? HealthStatus.up("answers") : HealthStatus.down("connection not valid");
      } catch (SQLException e) {
        return HealthStatus.down(e.getMessage());
      }
    });
  }

  private synchronized KafkaStreams.State gatherState() {
    return gather == null ? KafkaStreams.State.CREATED : gather.state();
  }

  private synchronized boolean isMaterializing() {
    return materializer != null && materializer.isRunning();
  }

  @Override
  public synchronized void close() {
    if (materializer != null) {
      materializer.close();
      materializer = null;
    }
    if (gather != null) {
      gather.close();
      gather = null;
    }
  }

  /** Runs sink-service alone: defaults, then CONFIG_FILE, then environment. */
  public static void main(String[] args) {
    SinkService service = new SinkService(SinkConfig.from(Settings.load(SinkConfig.DEFAULTS)),
        ExitProcess::afterFatalError);
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "sink-shutdown"));
    service.start();
  }
}
