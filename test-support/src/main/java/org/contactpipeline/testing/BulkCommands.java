package org.contactpipeline.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contactpipeline.schemas.RequestHeaders;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * A bulk load as a direct producer publishes it, in one place for every measurement of one: the
 * throughput benchmark's raw baseline and bulk load, and the scale-out benchmark. The same commands
 * and producer settings everywhere keep their bytes per contact and their ratios comparable.
 */
public final class BulkCommands {

  private BulkCommands() {}

  /** The producer a bulk loader would use: durable (acks=all, idempotent) and batching. */
  public static Map<String, Object> producerProperties(String bootstrap) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        ProducerConfig.ACKS_CONFIG,
        "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
        true,
        ProducerConfig.LINGER_MS_CONFIG,
        5,
        ProducerConfig.BATCH_SIZE_CONFIG,
        65_536,
        ProducerConfig.COMPRESSION_TYPE_CONFIG,
        "lz4");
  }

  /** The UPSERT of new contact {@code i} of {@code tenant}: an email and two names. */
  public static ContactCommand upsert(String tenant, String requestId, int i) {
    ContactKey key = new ContactKey(tenant, 0, "bulk-" + i + "@example.com");
    return ContactCommand.newBuilder()
        .setRequestId(requestId)
        .setItemIndex(0)
        .setItemCount(1)
        .setKey(key)
        .setAction(CommandAction.UPSERT)
        .setReplyTo(null)
        .setIssuedAt(Instant.now())
        .setChanges(
            ContactData.newBuilder()
                .setEmail(key.getContactKey())
                .setFirstName("Bulk")
                .setLastName("Load " + i)
                .build())
        .build();
  }

  /**
   * A read_committed reader of {@code contact.results} positioned at its end: opened before the
   * first send, it misses no result of the load. Values are not decoded; a bulk load only counts.
   */
  public static KafkaConsumer<String, byte[]> resultsFromNow(String bootstrap) {
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.RESULTS.name()).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  /**
   * Reads until {@code count} results of requests starting with {@code requestPrefix} arrived;
   * fails when {@code deadline} has passed since {@code startNanos}.
   */
  public static void awaitResults(
      KafkaConsumer<String, byte[]> results,
      String requestPrefix,
      int count,
      long startNanos,
      Duration deadline) {
    awaitResults(
        results,
        record -> record.key() != null && record.key().startsWith(requestPrefix),
        count,
        startNanos,
        deadline);
  }

  /**
   * Reads until {@code count} results of {@code tenant}'s requests arrived, told by the tenant
   * header that ingest puts on its commands and the resolver carries to their results (requests
   * whose ids the caller learns only after their results may be on the topic: asynchronous jobs).
   */
  public static void awaitResultsOfTenant(
      KafkaConsumer<String, byte[]> results,
      String tenant,
      int count,
      long startNanos,
      Duration deadline) {
    awaitResults(
        results,
        record -> RequestHeaders.tenant(record.headers()).filter(tenant::equals).isPresent(),
        count,
        startNanos,
        deadline);
  }

  private static void awaitResults(
      KafkaConsumer<String, byte[]> results,
      Predicate<ConsumerRecord<String, byte[]>> counted,
      int count,
      long startNanos,
      Duration deadline) {
    long until = startNanos + deadline.toNanos();
    int seen = 0;
    while (seen < count) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException(
            "only " + seen + " of " + count + " bulk results arrived within " + deadline);
      }
      for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(100))) {
        if (counted.test(record)) {
          seen++;
        }
      }
    }
  }
}
