package org.contactpipeline.resolver;

import java.util.Map;
import org.contactpipeline.config.ConsumerGroups;
import org.contactpipeline.config.Settings;
import org.contactpipeline.config.StreamsAppConfig;
import org.contactpipeline.schemas.WireFormat;

/**
 * Settings of the resolver, read once at start.
 *
 * @param commandsPartitions P, the partition count of {@code contact.commands}. Contact IDs encode
 *     their owner partition as {@code sequence * P + partition}, so P is fixed for the life of the
 *     data: the resolver refuses to start when the topic has another count.
 * @param wireFormat how results, golden records and dead letters are written (Confluent framing
 *     when {@code SCHEMA_REGISTRY_URL} is set); commands are read in either encoding
 */
public record ResolverConfig(
    StreamsAppConfig streams, int commandsPartitions, WireFormat wireFormat) {

  /** Avro single-object encoding, no registry. */
  public ResolverConfig(StreamsAppConfig streams, int commandsPartitions) {
    this(streams, commandsPartitions, WireFormat.singleObject());
  }

  /**
   * A commit every 250 ms: answers do not wait for it (ingest reads results uncommitted), and a
   * commit every 10–20 ms kept the stream thread in transactions more than half of its time; a
   * delete, whose answer does wait for the commit, asks for one within 10 ms. Measured figures are
   * in the README.
   */
  public static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("kafka.bootstrap.servers", "localhost:9092"),
          Map.entry("commands.partitions", "12"),
          Map.entry("resolver.application-id", ConsumerGroups.RESOLVER),
          Map.entry("resolver.commit-interval-ms", "250"),
          Map.entry("resolver.awaited-commit-interval-ms", "20"),
          Map.entry("resolver.state-dir", StreamsAppConfig.defaultStateDir("resolver")),
          Map.entry("resolver.stream-threads", "1"),
          // Recovery after a kill (StreamsAppConfig.recoveryProperties): RESOLVER_INSTANCE_ID gives
          // each instance a stable identity for static membership; empty keeps dynamic membership.
          Map.entry("resolver.instance-id", ""),
          Map.entry(
              "resolver.standby-replicas",
              Integer.toString(StreamsAppConfig.DEFAULT_STANDBY_REPLICAS)),
          Map.entry(
              "resolver.session-timeout-ms",
              Long.toString(StreamsAppConfig.DEFAULT_SESSION_TIMEOUT.toMillis())),
          // A killed resolver keeps its stores (KIP-892) instead of restoring them from scratch.
          Map.entry(
              "resolver.transactional-state-stores",
              Boolean.toString(StreamsAppConfig.DEFAULT_TRANSACTIONAL_STATE_STORES)),
          // /health/live and /health/ready for a supervisor (HEALTH_PORT); the main method serves
          // them.
          Map.entry("health.port", "8081"),
          // Empty: Avro single-object encoding. A URL: Confluent framing with that registry's ids.
          Map.entry("schema.registry.url", ""));

  public static ResolverConfig from(Settings settings) {
    return new ResolverConfig(
        StreamsAppConfig.from(settings, "resolver"),
        settings.positiveInteger("commands.partitions"),
        WireFormat.forRegistry(settings.string("schema.registry.url")));
  }

  public Map<String, Object> kafkaClient() {
    return streams.kafkaClient();
  }
}
