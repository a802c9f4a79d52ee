package org.contactpipeline.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.testing.BulkCommands;

/**
 * A bulk load as a direct producer publishes one ({@code docs/kafka-clients.md}, "Publishing a
 * command"): UPSERT commands for new keys straight to {@code contact.commands}, then the wait until
 * every result is on {@code contact.results} read_committed. The commands and the producer are the
 * throughput benchmark's ({@link BulkCommands}), so the bytes per contact are the same.
 */
final class BulkUpserts {

  /** Seconds from the first send until the producer's flush returned and until the last result. */
  record Timing(double publishSeconds, double resultsSeconds) {}

  private final String bootstrap;
  private final Duration deadline;

  BulkUpserts(String bootstrap, Duration deadline) {
    this.bootstrap = bootstrap;
    this.deadline = deadline;
  }

  /**
   * Publishes {@code count} new keys of {@code tenant}; {@code beforeFirstSend} runs once every
   * reader is in place, just before the clock starts.
   */
  Timing run(String tenant, int count, Runnable beforeFirstSend) {
    String requestPrefix = tenant + "-";
    try (KafkaConsumer<String, byte[]> results = resultsConsumer();
        KafkaProducer<ContactKey, ContactCommand> producer =
            new KafkaProducer<>(
                BulkCommands.producerProperties(bootstrap),
                Topics.COMMANDS.keySerde().serializer(),
                Topics.COMMANDS.valueSerde().serializer())) {
      beforeFirstSend.run();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        ContactCommand command = BulkCommands.upsert(tenant, requestPrefix + i, i);
        producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), command.getKey(), command));
      }
      producer.flush();
      double publishSeconds = since(start);
      awaitResults(results, requestPrefix, count, start);
      return new Timing(publishSeconds, since(start));
    }
  }

  /**
   * Positioned at the end before the first send, so no result can be missed; values not decoded.
   */
  private KafkaConsumer<String, byte[]> resultsConsumer() {
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

  private void awaitResults(
      KafkaConsumer<String, byte[]> consumer, String requestPrefix, int count, long start) {
    long until = start + deadline.toNanos();
    int seen = 0;
    while (seen < count) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException(
            "only " + seen + " of " + count + " results arrived within " + deadline);
      }
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        if (record.key() != null && record.key().startsWith(requestPrefix)) {
          seen++;
        }
      }
    }
  }

  private static double since(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
