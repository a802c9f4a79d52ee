package org.contactpipeline.testing;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
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
}
