package org.contactpipeline.sink;

import java.util.Map;
import org.contactpipeline.config.ConsumerGroups;
import org.contactpipeline.config.DatabaseConfig;
import org.contactpipeline.config.Settings;
import org.contactpipeline.schemas.WireFormat;

/**
 * Settings of sink-service, read once at start.
 *
 * @param kafkaClient Kafka client settings shared by every consumer and producer of the sink
 * @param materializerGroupId consumer group of the changelog materializer
 * @param materializerBatchSize most records per poll, and so per database transaction, of the
 *     materializer and the operation recorder
 * @param operationsGroupId consumer group of the operation recorder (delete progress)
 * @param database where the golden records are materialized
 * @param wireFormat how the changelog and results are read: either encoding, Confluent-framed ones
 *     with the registry of {@code SCHEMA_REGISTRY_URL}
 * @param jobs how asynchronous jobs are recorded, announced, called back and forgotten
 * @param membership how the sink's consumers belong to their groups ({@code SINK_INSTANCE_ID})
 */
public record SinkConfig(
    Map<String, Object> kafkaClient,
    String materializerGroupId,
    int materializerBatchSize,
    String operationsGroupId,
    DatabaseConfig database,
    WireFormat wireFormat,
    JobsConfig jobs,
    GroupMembership membership) {

  /** Avro single-object encoding, no registry, the default jobs settings, dynamic members. */
  public SinkConfig(
      Map<String, Object> kafkaClient,
      String materializerGroupId,
      int materializerBatchSize,
      String operationsGroupId,
      DatabaseConfig database) {
    this(
        kafkaClient,
        materializerGroupId,
        materializerBatchSize,
        operationsGroupId,
        database,
        WireFormat.singleObject(),
        JobsConfig.from(Settings.of(DEFAULTS)),
        GroupMembership.dynamic());
  }

  public static final Map<String, String> DEFAULTS =
      withJobsAndMembership(
          Map.ofEntries(
              Map.entry("kafka.bootstrap.servers", "localhost:9092"),
              Map.entry("materializer.group-id", ConsumerGroups.SINK_MATERIALIZER),
              Map.entry("materializer.batch-size", "2000"),
              Map.entry("operations.group-id", ConsumerGroups.SINK_OPERATIONS),
              Map.entry("database.url", "jdbc:postgresql://localhost:5432/contacts"),
              Map.entry("database.user", "contacts"),
              Map.entry("database.password", ""),
              // /health/live and /health/ready for a supervisor (HEALTH_PORT); the main method
              // serves
              // them.
              Map.entry("health.port", "8082"),
              // Empty: Avro single-object encoding only. A URL: also Confluent-framed records, by
              // that
              // registry.
              Map.entry("schema.registry.url", "")));

  private static Map<String, String> withJobsAndMembership(Map<String, String> service) {
    Map<String, String> all = new java.util.HashMap<>(service);
    all.putAll(JobsConfig.DEFAULTS);
    all.putAll(GroupMembership.DEFAULTS);
    return Map.copyOf(all);
  }

  public static SinkConfig from(Settings settings) {
    return new SinkConfig(
        settings.kafkaClientProperties(),
        settings.string("materializer.group-id"),
        settings.positiveInteger("materializer.batch-size"),
        settings.string("operations.group-id"),
        DatabaseConfig.from(settings),
        WireFormat.forRegistry(settings.string("schema.registry.url")),
        JobsConfig.from(settings),
        GroupMembership.from(settings));
  }

  public SinkConfig {
    kafkaClient = Map.copyOf(kafkaClient);
  }
}
