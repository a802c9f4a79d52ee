package org.contactpipeline.chaos;

import java.time.Instant;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;

/** Golden records for the unit tests of the checks: a key, its ID and its version. */
final class ContactRecords {

  private ContactRecords() {}

  static ContactKey key(String contactKey) {
    return new ContactKey(Deployment.TENANT, 0, contactKey);
  }

  static ContactRecord record(String contactKey, long contactId, long version) {
    return ContactRecord.newBuilder()
        .setKey(key(contactKey))
        .setContactId(contactId)
        .setStatus(ContactStatus.ACTIVE)
        .setVersion(version)
        .setCreatedAt(Instant.EPOCH)
        .setUpdatedAt(Instant.EPOCH)
        .build();
  }
}
