package org.contactpipeline.sink;

import java.time.Duration;
import java.util.Map;
import org.contactpipeline.config.DatabaseConfig;
import org.contactpipeline.config.Settings;
import org.contactpipeline.config.StreamsAppConfig;

/**
 * Settings of sink-service, read once at start.
 *
 * @param gatherTimeout wall-clock time from a request's first result after which the gatherer
 *     gives up waiting for the rest and sends what it has, marked incomplete
 * @param gatherCheckInterval how often the gatherer looks for overdue requests
 * @param materializerGroupId consumer group of the changelog materializer
 * @param materializerBatchSize most records per poll, and so per database transaction, of the
 *     materializer and the operation recorder
 * @param operationsGroupId consumer group of the operation recorder (delete progress)
 * @param database where the golden records are materialized
 */
public record SinkConfig(
    StreamsAppConfig gather,
    Duration gatherTimeout,
    Duration gatherCheckInterval,
    String materializerGroupId,
    int materializerBatchSize,
    String operationsGroupId,
    DatabaseConfig database) {

  public static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("kafka.bootstrap.servers", "localhost:9092"),
      Map.entry("gather.application-id", "contact-sink-gather"),
      Map.entry("gather.commit-interval-ms", "20"),
      Map.entry("gather.state-dir", StreamsAppConfig.defaultStateDir("sink-gather")),
      Map.entry("gather.stream-threads", "1"),
      // Recovery after a kill (StreamsAppConfig.recoveryProperties); GATHER_INSTANCE_ID for static membership.
      Map.entry("gather.instance-id", ""),
      Map.entry("gather.standby-replicas", Integer.toString(StreamsAppConfig.DEFAULT_STANDBY_REPLICAS)),
      Map.entry("gather.session-timeout-ms", Long.toString(StreamsAppConfig.DEFAULT_SESSION_TIMEOUT.toMillis())),
      Map.entry("gather.timeout-ms", "5000"),
      Map.entry("gather.check-interval-ms", "250"),
      Map.entry("materializer.group-id", "contact-sink-materializer"),
      Map.entry("materializer.batch-size", "500"),
      Map.entry("operations.group-id", "contact-sink-operations"),
      Map.entry("database.url", "jdbc:postgresql://localhost:5432/contacts"),
      Map.entry("database.user", "contacts"),
      Map.entry("database.password", ""),
      // /health/live and /health/ready for a supervisor (HEALTH_PORT); the main method serves them.
      Map.entry("health.port", "8082"));

  public static SinkConfig from(Settings settings) {
    return new SinkConfig(
        StreamsAppConfig.from(settings, "gather"),
        settings.millis("gather.timeout-ms"),
        settings.millis("gather.check-interval-ms"),
        settings.string("materializer.group-id"),
        settings.positiveInteger("materializer.batch-size"),
        settings.string("operations.group-id"),
        DatabaseConfig.from(settings));
  }

  public Map<String, Object> kafkaClient() {
    return gather.kafkaClient();
  }
}
