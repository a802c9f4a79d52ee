package org.contactpipeline.resolver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.contactpipeline.config.Settings;
import org.contactpipeline.schemas.Topics;

/**
 * Settings of the resolver, read once at start.
 *
 * @param commandsPartitions P, the partition count of {@code contact.commands}. Contact IDs encode
 *     their owner partition as {@code sequence * P + partition}, so P is fixed for the life of the
 *     data: the resolver refuses to start when the topic has another count.
 * @param commitInterval how often Streams commits its transaction. Results become visible to
 *     read_committed readers only at a commit, so this bounds the latency the resolver adds;
 *     each commit costs a transaction round trip, so it also bounds throughput per thread.
 */
public record ResolverConfig(
    String applicationId,
    int commandsPartitions,
    Duration commitInterval,
    Path stateDir,
    int streamThreads,
    Map<String, Object> kafkaClient) {

  /**
   * 20 ms commits: establish is request/response, and a result waits for its transaction to
   * commit before anyone downstream can read it. Two Streams hops (resolver, gather) at 20 ms
   * keep that wait around 10-20 ms per hop; measured p50 is in the README.
   */
  public static final Map<String, String> DEFAULTS = Map.of(
      "kafka.bootstrap.servers", "localhost:9092",
      "resolver.application-id", "contact-resolver",
      "commands.partitions", "12",
      "resolver.commit-interval-ms", "20",
      "resolver.state-dir", Path.of(System.getProperty("java.io.tmpdir"), "contact-pipeline", "resolver").toString(),
      "resolver.stream-threads", "1");

  public ResolverConfig {
    kafkaClient = Map.copyOf(kafkaClient);
  }

  public static ResolverConfig from(Settings settings) {
    return new ResolverConfig(
        settings.string("resolver.application-id"),
        settings.positiveInteger("commands.partitions"),
        settings.millis("resolver.commit-interval-ms"),
        Path.of(settings.string("resolver.state-dir")),
        settings.positiveInteger("resolver.stream-threads"),
        settings.kafkaClientProperties());
  }

  /** Kafka Streams properties: pass-through client settings first, then what correctness requires. */
  public Properties streamsProperties() {
    Properties props = new Properties();
    props.putAll(kafkaClient);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads));
    // Undecodable records go to the dead-letter topic (with the exception in headers) instead of
    // stopping the application.
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.COMMANDS_DLQ.name());
    return props;
  }
}
