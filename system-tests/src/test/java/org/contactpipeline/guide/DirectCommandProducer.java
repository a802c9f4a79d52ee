package org.contactpipeline.guide;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.WireFormat;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * Publishes one ESTABLISH command straight to contact.commands and waits for its result on
 * contact.results.
 */
public final class DirectCommandProducer {

  public static void main(String[] args) throws Exception {
    String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
    String registryUrl = System.getenv().getOrDefault("SCHEMA_REGISTRY_URL", "");
    ContactKey key =
        new ContactKey(
            "demo", 0, args.length > 0 ? args[0] : "someone@example.com"); // tenant, type, key
    ContactResult result = establish(bootstrap, registryUrl, key, Duration.ofSeconds(30));
    System.out.println(
        result.getOutcome()
            + " contact "
            + result.getContactId()
            + (result.getNewContact() ? " (new)" : ""));
  }

  public static ContactResult establish(
      String bootstrap, String registryUrl, ContactKey key, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    WireFormat wire =
        WireFormat.forRegistry(registryUrl); // the encoding the deployment's readers expect
    String requestId = UUID.randomUUID().toString(); // yours; the result is keyed by it
    ContactCommand command =
        ContactCommand.newBuilder()
            .setRequestId(requestId)
            .setItemIndex(0)
            .setItemCount(1)
            .setKey(key)
            .setAction(
                CommandAction.ESTABLISH) // or UPSERT, UPDATE, CREATE, ... with setChanges(...)
            .setReplyTo(null) // no ingest instance waits for it
            .setIssuedAt(Instant.now())
            .build();
    Map<String, Object> consumerConfig =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    Map<String, Object> producerConfig =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true);
    try (KafkaConsumer<String, ContactResult> results =
            new KafkaConsumer<>(
                consumerConfig, new StringDeserializer(), wire.results().deserializer());
        // The key serde is the same in every deployment: its bytes decide the owner partition.
        KafkaProducer<ContactKey, ContactCommand> producer =
            new KafkaProducer<>(
                producerConfig,
                Topics.COMMANDS.keySerde().serializer(),
                wire.commands().serializer())) {
      // Position the results reader at the end before sending, so that the result cannot be missed.
      List<TopicPartition> partitions =
          results.partitionsFor(Topics.RESULTS.name()).stream()
              .map(partition -> new TopicPartition(partition.topic(), partition.partition()))
              .toList();
      results.assign(partitions);
      results.seekToEnd(partitions);
      partitions.forEach(results::position);

      // The default partitioner hashes the key bytes: the command lands on the partition that owns
      // the key.
      producer
          .send(new ProducerRecord<>(Topics.COMMANDS.name(), key, command))
          .get(); // acknowledged by all replicas

      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, ContactResult> record : results.poll(Duration.ofMillis(200))) {
          if (requestId.equals(record.key())) {
            return record.value();
          }
        }
      }
      throw new TimeoutException("no result for request " + requestId + " within " + timeout);
    }
  }
}
