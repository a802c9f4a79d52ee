package org.contactpipeline.resolver;

import org.apache.kafka.streams.state.KeyValueStore;
import org.contactpipeline.schemas.ContactIds;

/**
 * Issues the contact IDs of one partition without writing a record per ID. The last sequence issued
 * is the higher of two things the partition's stores already hold:
 *
 * <ul>
 *   <li>the highest ID in the ID index, where every live contact is ({@link IdIndex});
 *   <li>a floor in the sequence store, which a delete raises to the sequence of the ID it retires,
 *       since that ID leaves the index and must never be issued again.
 * </ul>
 *
 * One sequence serves every tenant, so no two keys anywhere share an ID ({@code sequence * P +
 * partition}). Every ID ever issued is in the index or at most the floor, so after a restart or a
 * replay the sequence resumes exactly where the restored stores say, and a replayed command gets
 * the ID it got the first time. A new contact used to write the sequence as well: one store write
 * and one changelog record per contact, a sixth of what the resolver writes for it.
 *
 * <p>Earlier resolvers kept the last sequence itself in the store, which is a valid floor, so their
 * state carries on. The reverse does not hold: an earlier resolver must not run on state this one
 * wrote, since it would read the floor as the last ID issued.
 */
final class IdSequence {

  private static final long UNKNOWN = -1;

  private final IdIndex index;
  private final KeyValueStore<String, Long> sequences;
  private final int partitions;
  private long last = UNKNOWN;

  /** One per processor initialisation: a revived task re-reads its restored stores. */
  IdSequence(IdIndex index, KeyValueStore<String, Long> sequences, int partitions) {
    this.index = index;
    this.sequences = sequences;
    this.partitions = partitions;
  }

  /**
   * The ID the next new contact of {@code partition} gets; nothing is issued until {@link #take}.
   * Reads the stores on the first call only, after the index is complete ({@link
   * IdIndex#ensureComplete}).
   */
  long peek(int partition) {
    if (last == UNKNOWN) {
      last = Math.max(floor(), index.highestId() / partitions);
    }
    return ContactIds.compose(last + 1, partition, partitions);
  }

  /**
   * Issues the ID {@link #peek} gave; the caller puts it in the ID index in the same transaction.
   */
  void take(long contactId) {
    if (last == UNKNOWN || contactId / partitions != last + 1) {
      throw new IllegalStateException("ID " + contactId + " is not the next one to issue");
    }
    last++;
  }

  /** Keeps a deleted contact's ID from coming back once it leaves the index. */
  void retire(long contactId) {
    long sequence = contactId / partitions;
    if (sequence > floor()) {
      sequences.put(ResolverTopology.SEQUENCE_KEY, sequence);
    }
  }

  private long floor() {
    Long floor = sequences.get(ResolverTopology.SEQUENCE_KEY);
    return floor == null ? 0 : floor;
  }
}
