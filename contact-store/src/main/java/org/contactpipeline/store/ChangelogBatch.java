package org.contactpipeline.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * The net effect of a run of changelog records on the table: for each key only its last record
 * counts, in the order the changelog gives (one key always lives on one partition). Besides saving
 * writes, this keeps one key out of a multi-row upsert twice, which PostgreSQL refuses.
 */
final class ChangelogBatch {

  /** Last change per key; {@code null} means the key was tombstoned. */
  private final Map<ContactKey, ContactRecord> lastByKey = new LinkedHashMap<>();

  static ChangelogBatch of(List<ChangelogEntry> entries) {
    ChangelogBatch batch = new ChangelogBatch();
    entries.forEach(entry -> batch.add(entry.key(), entry.record()));
    return batch;
  }

  void add(ContactKey key, ContactRecord recordOrTombstone) {
    lastByKey.remove(key);
    lastByKey.put(key, recordOrTombstone);
  }

  Collection<ContactRecord> upserts() {
    List<ContactRecord> upserts = new ArrayList<>();
    lastByKey
        .values()
        .forEach(
            record -> {
              if (record != null) {
                upserts.add(record);
              }
            });
    return upserts;
  }

  Collection<ContactKey> deletes() {
    List<ContactKey> deletes = new ArrayList<>();
    lastByKey.forEach(
        (key, record) -> {
          if (record == null) {
            deletes.add(key);
          }
        });
    return deletes;
  }
}
