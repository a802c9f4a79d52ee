package org.contactpipeline.schemas;

import org.apache.kafka.common.utils.Utils;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * Which partition of {@code contact.commands} owns a contact key. It is exactly what Kafka's
 * default partitioner computes for a record whose key is the encoded {@link ContactKey}, so a plain
 * {@code KafkaProducer} using {@link Topics#COMMANDS}' key serde lands every command on its owner
 * without a custom partitioner.
 */
public final class OwnerPartition {

  private OwnerPartition() {}

  public static int of(ContactKey key, int partitions) {
    return ofKeyBytes(
        Topics.COMMANDS.keySerde().serializer().serialize(Topics.COMMANDS.name(), key), partitions);
  }

  /** Same hash as {@code BuiltInPartitioner.partitionForKey}. */
  public static int ofKeyBytes(byte[] keyBytes, int partitions) {
    if (partitions <= 0) {
      throw new IllegalArgumentException("partitions must be positive, was " + partitions);
    }
    return Utils.toPositive(Utils.murmur2(keyBytes)) % partitions;
  }
}
