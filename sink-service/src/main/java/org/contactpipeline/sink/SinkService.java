package org.contactpipeline.sink;

import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.streams.KafkaStreams;
import org.contactpipeline.config.Settings;
import org.contactpipeline.config.StreamsApp;
import org.contactpipeline.health.ExitProcess;
import org.contactpipeline.health.DatabaseHealth;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthServer;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * Lifecycle of sink-service: migrates the database, then runs the response gatherer (Kafka
 * Streams), the changelog materializer and the operation recorder until closed.
 */
public final class SinkService implements AutoCloseable {

  private final SinkConfig config;
  private final DataSource dataSource;
  private final Runnable onFatalError;
  private StreamsApp gather;
  private TopicToTable<ChangelogEntry> materializer;
  private TopicToTable<ContactResult> operations;

  public SinkService(SinkConfig config) {
    this(config, () -> { });
  }

  /**
   * @param onFatalError called if the gatherer dies for good (state ERROR) or the materializer or
   *     the operation recorder stops unexpectedly; a stand-alone process exits so that its
   *     supervisor restarts it
   */
  public SinkService(SinkConfig config, Runnable onFatalError) {
    this.config = config;
    this.dataSource = config.database().dataSource();
    this.onFatalError = onFatalError;
  }

  public synchronized void start() {
    ContactSchema.migrate(dataSource);
    gather = StreamsApp.start("sink-gather", ResponseGatherTopology.build(config), config.gather(), onFatalError);
    materializer = ChangelogMaterializer.create(config, new ContactTable(dataSource), onFatalError);
    materializer.start();
    operations = OperationRecorder.create(config, new DeleteOperationTable(dataSource), onFatalError);
    operations.start();
  }

  /** RUNNING when the gatherer is RUNNING and the materializer and operation recorder threads are alive. */
  public HealthCheck streamsHealthCheck() {
    return HealthCheck.of("sink-streams", () -> {
      KafkaStreams.State state = gatherState();
      if (state != KafkaStreams.State.RUNNING) {
        return HealthStatus.down(state.name());
      }
      String stopped = stoppedConsumer();
      return stopped == null ? HealthStatus.up(state.name()) : HealthStatus.down(stopped + " stopped");
    });
  }

  /**
   * Live while the gatherer's threads work (starting, rebalancing or running) and the
   * materializer and operation recorder threads are alive; what a supervisor restarts on.
   */
  public HealthCheck liveCheck() {
    return HealthCheck.of("sink", () -> {
      KafkaStreams.State state = gatherState();
      if (!StreamsApp.isAlive(state)) {
        return HealthStatus.down("gatherer " + state.name());
      }
      String stopped = stoppedConsumer();
      return stopped == null ? HealthStatus.up(state.name()) : HealthStatus.down(stopped + " stopped");
    });
  }

  /** Ready when PostgreSQL answers a trivial query within two seconds. */
  public HealthCheck databaseHealthCheck() {
    return DatabaseHealth.of(dataSource);
  }

  private synchronized KafkaStreams.State gatherState() {
    return gather == null ? KafkaStreams.State.CREATED : gather.state();
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
    if (gather != null) {
      gather.close();
      gather = null;
    }
  }

  /** Runs sink-service alone: defaults, then CONFIG_FILE, then environment. */
  public static void main(String[] args) {
    Settings settings = Settings.load(SinkConfig.DEFAULTS);
    SinkService service = new SinkService(SinkConfig.from(settings), ExitProcess::afterFatalError);
    // Up before the migration and the consumers, so that a supervisor sees "not ready yet".
    HealthServer health = HealthServer.start(settings.integer("health.port"),
        List.of(service.liveCheck()), List.of(service.streamsHealthCheck(), service.databaseHealthCheck()));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      health.close();
    }, "sink-shutdown"));
    service.start();
  }
}
