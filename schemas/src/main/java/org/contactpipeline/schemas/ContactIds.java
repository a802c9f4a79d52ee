package org.contactpipeline.schemas;

/**
 * Contact IDs encode their owner partition: {@code id = sequence * P + partition}. A command
 * addressed by ID can therefore go straight to the partition that owns the contact, and two
 * partitions can never issue the same ID.
 */
public final class ContactIds {

  private ContactIds() {}

  public static long compose(long sequence, int partition, int partitions) {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequences start at 1, was " + sequence);
    }
    if (partition < 0 || partition >= partitions) {
      throw new IllegalArgumentException(
          "partition " + partition + " is not in [0, " + partitions + ")");
    }
    return Math.addExact(Math.multiplyExact(sequence, (long) partitions), partition);
  }

  /** The partition of {@code contact.commands} that owns the contact with this ID. */
  public static int ownerPartition(long contactId, int partitions) {
    return (int) (contactId % partitions);
  }
}
