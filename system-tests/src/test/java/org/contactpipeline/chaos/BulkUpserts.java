package org.contactpipeline.chaos;

import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
    try (KafkaConsumer<String, byte[]> results = BulkCommands.resultsFromNow(bootstrap);
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
      BulkCommands.awaitResults(results, requestPrefix, count, start, deadline);
      return new Timing(publishSeconds, since(start));
    }
  }

  private static double since(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
