package org.contactpipeline.resolver;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contact ID → key for the live contacts of one partition, for commands addressed by ID and for the
 * highest ID issued ({@link IdSequence}).
 *
 * <p>The index has no changelog: every entry follows from a golden record, which is already in
 * Kafka, so change-logging it would write each new contact's ID a second time. Instead a task adds
 * what its index lacks before its first command ({@link #ensureComplete}): after a crash, the
 * golden-record store was restored past what the index holds on disk. The opposite case, an entry
 * whose contact was deleted after the index last reached disk, is harmless: a lookup checks the
 * golden record it points at ({@link #goldenRecordOf}), and its ID was issued and is never issued
 * again anyway (the delete raised the sequence floor).
 */
final class IdIndex {

  private static final Logger LOG = LoggerFactory.getLogger(IdIndex.class);

  private final KeyValueStore<Long, ContactKey> keysById;
  private final GoldenRecords goldenRecords;
  private boolean complete;

  IdIndex(KeyValueStore<Long, ContactKey> keysById, GoldenRecords goldenRecords) {
    this.keysById = keysById;
    this.goldenRecords = goldenRecords;
  }

  /**
   * Indexes every golden record the index lacks; cheap after the first call of a task. A full scan
   * of the partition's golden records, done once per task start: about the cost of reading them.
   */
  void ensureComplete() {
    if (complete) {
      return;
    }
    long started = System.nanoTime();
    int[] scannedAndAdded = new int[2];
    goldenRecords.forEach(
        (key, golden) -> {
          scannedAndAdded[0]++;
          if (!key.equals(keysById.get(golden.getContactId()))) {
            keysById.put(golden.getContactId(), key);
            scannedAndAdded[1]++;
          }
        });
    complete = true;
    if (scannedAndAdded[1] > 0) {
      LOG.info(
          "indexed {} of {} contacts by ID in {} ms",
          scannedAndAdded[1],
          scannedAndAdded[0],
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** The golden record of the live contact with this ID, or {@code null} when there is none. */
  ContactRecord goldenRecordOf(long contactId) {
    ContactKey key = keysById.get(contactId);
    if (key == null) {
      return null;
    }
    ContactRecord golden = goldenRecords.get(key);
    return golden != null && golden.getContactId() == contactId ? golden : null;
  }

  void add(long contactId, ContactKey key) {
    keysById.put(contactId, key);
  }

  void remove(long contactId) {
    keysById.delete(contactId);
  }

  /**
   * The highest ID in the index, 0 when it is empty. The index's keys are non-negative longs,
   * serialized big-endian, so its last entry in byte order is the highest.
   */
  long highestId() {
    try (KeyValueIterator<Long, ContactKey> highestFirst = keysById.reverseAll()) {
      return highestFirst.hasNext() ? highestFirst.next().key : 0;
    }
  }
}
