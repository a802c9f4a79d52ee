package org.contactpipeline.ingest.pipeline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.contactpipeline.metrics.ServiceMetrics;
import org.contactpipeline.schemas.ContactIds;
import org.contactpipeline.schemas.Topics;
import org.contactpipeline.schemas.WireFormat;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * Publishes commands to {@code contact.commands}, each keyed by its {@link ContactKey} so that
 * Kafka's default partitioner puts it on the partition that owns the key; a command addressed by ID
 * goes to the partition its ID names ({@link ContactIds#ownerPartition}). A publish completes only
 * when every command is durably written ({@code acks=all}); a request is "accepted" only then.
 */
public final class CommandPublisher implements CommandLog, AutoCloseable {

  private final Producer<ContactKey, ContactCommand> producer;
  private final int partitions;

  /**
   * @param wire the encoding of the commands' values; their keys are always {@link
   *     Topics#CONTACT_KEY_SERDE}
   */
  public CommandPublisher(Map<String, Object> kafkaClient, WireFormat wire) {
    this.producer =
        DurableProducers.open(kafkaClient, Topics.COMMANDS, wire.commands().serializer());
    // Unlike a job, a command addressed by ID picks its own partition, so it needs their count;
    // the producer already holds the topic's metadata, so this asks no broker.
    this.partitions = producer.partitionsFor(Topics.COMMANDS.name()).size();
  }

  /** Completes when every command is acknowledged; fails with the first send error. */
  @Override
  public CompletableFuture<Void> publish(List<ContactCommand> commands, Headers headers) {
    CompletableFuture<?>[] acks = new CompletableFuture<?>[commands.size()];
    RuntimeException refused = null;
    for (int i = 0; i < commands.size(); i++) {
      ContactCommand command = commands.get(i);
      CompletableFuture<Void> ack = new CompletableFuture<>();
      acks[i] = ack;
      if (refused != null) {
        // The producer just blocked for max.block.ms; do not block again for every remaining item.
        ack.completeExceptionally(refused);
        continue;
      }
      try {
        producer.send(record(command, headers), DurableProducers.completing(ack));
      } catch (RuntimeException e) {
        // send() itself throws when metadata cannot be fetched within max.block.ms.
        refused = e;
        ack.completeExceptionally(e);
      }
    }
    return CompletableFuture.allOf(acks);
  }

  private ProducerRecord<ContactKey, ContactCommand> record(
      ContactCommand command, Headers headers) {
    Integer partition =
        command.getContactId() == null
            ? null
            : ContactIds.ownerPartition(command.getContactId(), partitions);
    // A copy each: the producer makes a sent record's headers read-only.
    return new ProducerRecord<>(
        Topics.COMMANDS.name(),
        partition,
        command.getKey(),
        command,
        new RecordHeaders(headers.toArray()));
  }

  /** Binds the producer's own metrics (send rate, errors, request latency). */
  public void bindMetrics(ServiceMetrics metrics) {
    metrics.bindProducer(producer, "command-publisher");
  }

  @Override
  public void close() {
    producer.close();
  }
}
