package org.contactpipeline.store;

import java.util.Objects;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * One record of {@code contact.changelog}: a key's golden record, or its tombstone.
 *
 * @param record the golden record; null for a tombstone (the key was deleted)
 */
public record ChangelogEntry(ContactKey key, ContactRecord record) {

  public ChangelogEntry {
    Objects.requireNonNull(key, "key");
  }

  public static ChangelogEntry tombstone(ContactKey key) {
    return new ChangelogEntry(key, null);
  }

  public static ChangelogEntry of(ContactRecord record) {
    return new ChangelogEntry(record.getKey(), record);
  }
}
