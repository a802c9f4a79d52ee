package org.contactpipeline.resolver;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.contactpipeline.schemas.avro.ContactIdentity;
import org.contactpipeline.schemas.avro.ContactKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the ID → key index of a partition complete. Contacts created before ID addressing existed
 * have no index entry; they get one the first time the partition processes a command after the
 * upgrade, inside that command's transaction, so a crash redoes it.
 *
 * <p>The index records that it is complete in itself, under contact ID {@value #COMPLETE_ID}: no
 * contact ever has that ID (the first issued on any partition is P) and no command can address it
 * (IDs must be positive). Releases up to 0.1 kept that marker in the sequence store; it moves here
 * the first time this runs on such state.
 */
final class IdIndexBackfill {

  private static final Logger LOG = LoggerFactory.getLogger(IdIndexBackfill.class);

  static final long COMPLETE_ID = 0;

  /**
   * The index entry under {@link #COMPLETE_ID}: a key no contact can have, its tenant being empty.
   */
  static final ContactKey COMPLETE = new ContactKey("", 0, "");

  /** Where releases up to 0.1 kept the marker, in the sequence store. */
  static final String LEGACY_MARKER_KEY = "keys-by-id-indexed";

  private final KeyValueStore<ContactKey, ContactIdentity> identities;
  private final KeyValueStore<Long, ContactKey> keysById;
  private final KeyValueStore<String, Long> sequences;
  private boolean complete;

  IdIndexBackfill(
      KeyValueStore<ContactKey, ContactIdentity> identities,
      KeyValueStore<Long, ContactKey> keysById,
      KeyValueStore<String, Long> sequences) {
    this.identities = identities;
    this.keysById = keysById;
    this.sequences = sequences;
  }

  /** Cheap after the first call on a partition: the answer is remembered. */
  void ensureComplete() {
    if (complete) {
      return;
    }
    if (keysById.get(COMPLETE_ID) == null) {
      // Once the marker is in the index the legacy one is gone (both move in one transaction), so
      // only this first time can there be one to remove; deleting an absent key would still log
      // a tombstone on every task start.
      if (sequences.get(LEGACY_MARKER_KEY) == null) {
        indexEveryContact();
      } else {
        sequences.delete(LEGACY_MARKER_KEY);
      }
      keysById.put(COMPLETE_ID, COMPLETE);
    }
    complete = true;
  }

  private void indexEveryContact() {
    int indexed = 0;
    try (KeyValueIterator<ContactKey, ContactIdentity> all = identities.all()) {
      while (all.hasNext()) {
        KeyValue<ContactKey, ContactIdentity> entry = all.next();
        keysById.put(entry.value.getContactId(), entry.key);
        indexed++;
      }
    }
    if (indexed > 0) {
      LOG.info("indexed the IDs of {} existing contacts", indexed);
    }
  }
}
