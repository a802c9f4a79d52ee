package org.contactpipeline.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.contactpipeline.schemas.Topic;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * Plain Kafka clients on the pipeline's topics, as an outside producer or auditor would use them:
 * the tests of every module that run on a real broker read and write the topics through here.
 */
public final class PipelineTopics {

  private PipelineTopics() {}

  /**
   * Records ever written to contact.commands (sum of end offsets; ingest answers only after acks).
   */
  public static long commandsWritten(Admin admin) throws Exception {
    String name = org.contactpipeline.schemas.Topics.COMMANDS.name();
    List<TopicPartition> partitions =
        admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions().stream()
            .map(info -> new TopicPartition(name, info.partition()))
            .toList();
    ListOffsetsResult offsets =
        admin.listOffsets(
            partitions.stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        partition -> partition, partition -> OffsetSpec.latest())));
    long total = 0;
    for (TopicPartition partition : partitions) {
      total += offsets.partitionResult(partition).get().offset();
    }
    return total;
  }

  /**
   * A producer as the README tells direct producers to build one: key and value serdes from the
   * catalogue.
   */
  public static KafkaProducer<ContactKey, ContactCommand> commandProducer(String bootstrap) {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(
        props,
        org.contactpipeline.schemas.Topics.COMMANDS.keySerde().serializer(),
        org.contactpipeline.schemas.Topics.COMMANDS.valueSerde().serializer());
  }

  public static ContactCommand command(String requestId, ContactKey key) {
    return ContactCommand.newBuilder()
        .setRequestId(requestId)
        .setItemIndex(0)
        .setItemCount(1)
        .setKey(key)
        .setAction(CommandAction.ESTABLISH)
        .setReplyTo(null)
        .setIssuedAt(Instant.now())
        .build();
  }

  /**
   * Reads a whole topic (read_committed) from the beginning until {@code enough} holds for what was
   * read that matches {@code wanted}, or the deadline passes.
   */
  public static <K, V> List<ConsumerRecord<K, V>> readUntil(
      String bootstrap,
      Topic<K, V> topic,
      Predicate<ConsumerRecord<K, V>> wanted,
      Predicate<List<ConsumerRecord<K, V>>> enough,
      Duration timeout) {
    return readUntil(
        bootstrap,
        topic.name(),
        topic.keySerde().deserializer(),
        topic.valueSerde().deserializer(),
        wanted,
        enough,
        timeout);
  }

  /** Every record (read_committed) up to the end offsets the topic has when this is called. */
  public static <K, V> List<ConsumerRecord<K, V>> readToEnd(
      String bootstrap, Topic<K, V> topic, Duration timeout) {
    List<ConsumerRecord<K, V>> read = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = fromTheBeginning(bootstrap, topic)) {
      List<TopicPartition> partitions = List.copyOf(consumer.assignment());
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream()
          .anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end within " + timeout);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    return read;
  }

  /**
   * A read_committed consumer of every partition of {@code topic}, at its beginning, with no group:
   * for reading what a topic holds, not for following it as a service does.
   */
  public static <K, V> KafkaConsumer<K, V> fromTheBeginning(String bootstrap, Topic<K, V> topic) {
    KafkaConsumer<K, V> consumer =
        new KafkaConsumer<>(
            consumerProperties(bootstrap),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic.name()).stream()
            .map(info -> new TopicPartition(topic.name(), info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  private static Map<String, Object> consumerProperties(String bootstrap) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return props;
  }

  public static <K, V> List<ConsumerRecord<K, V>> readUntil(
      String bootstrap,
      String topic,
      Deserializer<K> keys,
      Deserializer<V> values,
      Predicate<ConsumerRecord<K, V>> wanted,
      Predicate<List<ConsumerRecord<K, V>>> enough,
      Duration timeout) {
    List<ConsumerRecord<K, V>> read = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer =
        new KafkaConsumer<>(consumerProperties(bootstrap), keys, values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!enough.test(read)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "read "
                  + read.size()
                  + " matching records from "
                  + topic
                  + " within "
                  + timeout
                  + ", not enough");
        }
        for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
          if (wanted.test(record)) {
            read.add(record);
          }
        }
      }
    }
    return read;
  }
}
