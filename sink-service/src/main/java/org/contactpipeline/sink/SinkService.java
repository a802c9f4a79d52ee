package org.contactpipeline.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.contactpipeline.config.Settings;
import org.contactpipeline.health.ExitProcess;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle of sink-service: migrates the database, then runs the response gatherer (Kafka
 * Streams) and the changelog materializer until closed.
 */
public final class SinkService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final SinkConfig config;
  private final DataSource dataSource;
  private KafkaStreams gather;
  private ChangelogMaterializer materializer;

  private final Runnable onFatalError;

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
    gather = new KafkaStreams(ResponseGatherTopology.build(config), config.gather().streamsProperties());
    gather.setUncaughtExceptionHandler(error -> {
      LOG.error("gather stream thread failed; shutting the gatherer down so that health reports it", error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    gather.setStateListener((now, before) -> {
      LOG.info("sink-gather {} -> {}", before, now);
      if (now == KafkaStreams.State.ERROR) {
        onFatalError.run();
      }
    });
    gather.start();
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
      // Leaving the group lets a restarted instance take the partitions back at once instead
      // of after the session timeout.
      gather.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(CLOSE_TIMEOUT));
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
