package org.contactpipeline.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * The net effect of a run of changelog records on the table: for each key only its last
 * record counts, in the order the changelog gives (one key always lives on one partition).
 */
final class ChangelogBatch {

  /** Last change per key; {@code null} means the key was tombstoned. */
  private final Map<ContactKey, ContactRecord> lastByKey = new LinkedHashMap<>();

  void add(ContactKey key, ContactRecord recordOrTombstone) {
    lastByKey.remove(key);
    lastByKey.put(key, recordOrTombstone);
  }

  /** One batch per key, in order, for writing records one at a time. */
  List<ChangelogBatch> singles() {
    List<ChangelogBatch> singles = new ArrayList<>();
    lastByKey.forEach((key, record) -> {
      ChangelogBatch single = new ChangelogBatch();
      single.add(key, record);
      singles.add(single);
    });
    return singles;
  }

  /** The key of a batch of one. */
  ContactKey onlyKey() {
    if (lastByKey.size() != 1) {
      throw new IllegalStateException("batch holds " + lastByKey.size() + " keys");
    }
    return lastByKey.keySet().iterator().next();
  }

  boolean isEmpty() {
    return lastByKey.isEmpty();
  }

  int size() {
    return lastByKey.size();
  }

  Collection<ContactRecord> upserts() {
    List<ContactRecord> upserts = new ArrayList<>();
    lastByKey.values().forEach(record -> {
      if (record != null) {
        upserts.add(record);
      }
    });
    return upserts;
  }

  Collection<ContactKey> deletes() {
    List<ContactKey> deletes = new ArrayList<>();
    lastByKey.forEach((key, record) -> {
      if (record == null) {
        deletes.add(key);
      }
    });
    return deletes;
  }
}
