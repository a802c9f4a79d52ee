package org.contactpipeline.bench;

import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.testing.BulkCommands;
import org.contactpipeline.testing.MaterializerProgress;

/**
 * A bulk load as the README documents it: UPSERT commands for new keys published straight to {@code
 * contact.commands}, then the time until every result is on {@code contact.results}
 * (read_committed) and until every contact is a row in PostgreSQL. Each run uses a tenant of its
 * own, so its results and rows are told apart from everything else on the stack.
 */
final class BulkLoad {

  /**
   * How long a load of {@code contacts} may take before the benchmark gives up: five minutes, or a
   * millisecond per contact for loads of more than 300,000.
   */
  static Duration deadlineFor(int contacts) {
    return Duration.ofMillis(Math.max(Duration.ofMinutes(5).toMillis(), contacts));
  }

  /** How long a bulk load took to be answered and to be stored, counted from its first send. */
  record Result(int commands, double publishSeconds, double resultsSeconds, double rowsSeconds) {

    double resultsPerSecond() {
      return commands / resultsSeconds;
    }

    double rowsPerSecond() {
      return commands / rowsSeconds;
    }
  }

  private final String bootstrap;
  private final DataSource database;

  BulkLoad(String bootstrap, DataSource database) {
    this.bootstrap = bootstrap;
    this.database = database;
  }

  /** The encoded size of one bulk command, for a raw baseline of records of the same size. */
  static int commandBytes() {
    ContactCommand sample =
        BulkCommands.upsert("bench-sizing", "bulk-00000000-0000-0000-0000-000000000000", 123_456);
    return Topics.COMMANDS
        .valueSerde()
        .serializer()
        .serialize(Topics.COMMANDS.name(), sample)
        .length;
  }

  Result run(String run, int count) throws Exception {
    Duration deadline = deadlineFor(count);
    String tenant = "bench-" + run;
    String requestPrefix = "bulk-" + run + "-";
    try (KafkaConsumer<String, byte[]> results = BulkCommands.resultsFromNow(bootstrap);
        MaterializerProgress materializer = new MaterializerProgress(bootstrap);
        KafkaProducer<ContactKey, ContactCommand> producer =
            new KafkaProducer<>(
                BulkCommands.producerProperties(bootstrap),
                Topics.COMMANDS.keySerde().serializer(),
                Topics.COMMANDS.valueSerde().serializer())) {
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        ContactCommand command = BulkCommands.upsert(tenant, requestPrefix + i, i);
        producer.send(new ProducerRecord<>(Topics.COMMANDS.name(), command.getKey(), command));
      }
      producer.flush();
      double publishSeconds = since(start);
      BulkCommands.awaitResults(results, requestPrefix, count, start, deadline);
      double resultsSeconds = since(start);
      double rowsSeconds =
          new ContactRows(database)
              .secondsUntilTenantStored(tenant, count, start, deadline, materializer);
      return new Result(count, publishSeconds, resultsSeconds, rowsSeconds);
    }
  }

  private static double since(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
