package org.contactpipeline.resolver;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.contactpipeline.health.ExitProcess;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lifecycle of the resolver: checks the partition layout, then runs the topology until closed. */
public final class ResolverService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResolverService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final ResolverConfig config;
  private KafkaStreams streams;

  private final Runnable onFatalError;

  public ResolverService(ResolverConfig config) {
    this(config, () -> { });
  }

  /**
   * @param onFatalError called once if the topology dies for good (state ERROR); a stand-alone
   *     process exits so that its supervisor restarts it
   */
  public ResolverService(ResolverConfig config, Runnable onFatalError) {
    this.config = config;
    this.onFatalError = onFatalError;
  }

  /** Starts processing; fails fast when {@code contact.commands} has another partition count than configured. */
  public synchronized void start() {
    requireCommandsPartitionCount();
    streams = new KafkaStreams(ResolverTopology.build(config), config.streams().streamsProperties());
    streams.setUncaughtExceptionHandler(error -> {
      LOG.error("resolver stream thread failed; shutting the resolver down so that health reports it", error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.setStateListener((now, before) -> {
      LOG.info("resolver-streams {} -> {}", before, now);
      if (now == KafkaStreams.State.ERROR) {
        onFatalError.run();
      }
    });
    streams.start();
  }

  public synchronized KafkaStreams.State state() {
    return streams == null ? KafkaStreams.State.CREATED : streams.state();
  }

  public HealthCheck healthCheck() {
    return HealthCheck.of("resolver-streams", () -> {
      KafkaStreams.State state = state();
      return state == KafkaStreams.State.RUNNING ? HealthStatus.up(state.name()) : HealthStatus.down(state.name());
    });
  }

  @Override
  public synchronized void close() {
    if (streams != null) {
      // Leaving the group lets a restarted instance take the partitions back at once instead
      // of after the session timeout.
      streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(CLOSE_TIMEOUT));
      streams = null;
    }
  }

  private void requireCommandsPartitionCount() {
    String topic = Topics.COMMANDS.name();
    try (Admin admin = Admin.create(config.kafkaClient())) {
      TopicDescription description = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
          .get(30, TimeUnit.SECONDS).get(topic);
      int actual = description.partitions().size();
      if (actual != config.commandsPartitions()) {
        throw new IllegalStateException(topic + " has " + actual + " partitions but commands.partitions is "
            + config.commandsPartitions() + ". Contact IDs and key ownership depend on this count, so it can never "
            + "change for existing data; fix the configuration or the topic.");
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot reach Kafka at " + config.kafkaClient().get("bootstrap.servers")
          + " to check " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking " + topic, e);
    }
  }

  /** Runs the resolver alone: defaults, then CONFIG_FILE, then environment. */
  public static void main(String[] args) {
    ResolverConfig config = ResolverConfig.from(org.contactpipeline.config.Settings.load(ResolverConfig.DEFAULTS));
    ResolverService service = new ResolverService(config, ExitProcess::afterFatalError);
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "resolver-shutdown"));
    service.start();
    LOG.info("resolver-streams started with {}", Map.of("commands.partitions", config.commandsPartitions(),
        "commit.interval.ms", config.streams().commitInterval().toMillis()));
  }
}
