package org.contactpipeline.tools;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka clients of one run of the tool, all built from the same client properties (the
 * services' {@code KAFKA_*} settings, with {@code --bootstrap-servers} on top). Consumers read
 * {@code read_committed} without a consumer group: the tool only looks, it never moves a group's
 * offsets.
 */
final class ClusterAccess {

  /** How long any one call to the cluster may take before the tool gives up and says so. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final String CLIENT_ID = "contacts-admin";

  private final Map<String, Object> properties;

  ClusterAccess(Map<String, Object> clientProperties) {
    this.properties = Map.copyOf(clientProperties);
  }

  /** The client properties every client of this run starts from. */
  Map<String, Object> clientProperties() {
    return properties;
  }

  String bootstrapServers() {
    return String.valueOf(properties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
  }

  Consumer<byte[], byte[]> consumer() {
    Map<String, Object> config = new HashMap<>(properties);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    // The resolver writes in transactions: show only what they committed.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * A transactional producer; every run that uses the same {@code transactionalId} fences the run
   * before it.
   */
  Producer<byte[], byte[]> transactionalProducer(String transactionalId) {
    Map<String, Object> config = new HashMap<>(properties);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  Admin admin() {
    Map<String, Object> config = new HashMap<>(properties);
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, CLIENT_ID);
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    return Admin.create(config);
  }

  /**
   * The partitions of {@code topic}, in order.
   *
   * @throws ToolException when the topic does not exist or the cluster does not answer
   */
  List<TopicPartition> partitions(Consumer<?, ?> consumer, String topic) {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic);
    } catch (UnknownTopicOrPartitionException e) {
      infos = List.of();
    } catch (TimeoutException e) {
      throw unreachable(e);
    }
    if (infos == null || infos.isEmpty()) {
      throw new ToolException(
          "topic "
              + topic
              + " does not exist on "
              + bootstrapServers()
              + " (see: contacts admin check)");
    }
    return infos.stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .sorted(Comparator.comparingInt(TopicPartition::partition))
        .toList();
  }

  ToolException unreachable(Exception cause) {
    return new ToolException(
        "Kafka at "
            + bootstrapServers()
            + " did not answer within "
            + TIMEOUT.toSeconds()
            + " s ("
            + innermost(cause).getMessage()
            + ")",
        cause);
  }

  private static Throwable innermost(Throwable failure) {
    Throwable inner = failure;
    while (inner.getCause() != null && inner.getCause() != inner) {
      inner = inner.getCause();
    }
    return inner;
  }
}
