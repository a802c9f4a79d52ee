package org.contactpipeline.store;

import java.util.Optional;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * The read side of the pipeline: golden records as sink-service materialized them in PostgreSQL,
 * and the progress of delete operations. Every read is scoped by tenant; nothing here writes. Reads
 * are eventually consistent with the resolver: a contact appears once the sink has written it,
 * normally within tens of milliseconds of its command's result.
 */
public interface ContactStore {

  Optional<ContactRecord> byKey(ContactKey key);

  /** The contact with this ID, only if it belongs to {@code tenant}. */
  Optional<ContactRecord> byId(String tenant, long contactId);

  /** The contacts matching every criterion the query sets, in ascending ID order. */
  ContactPage find(ContactQuery query);

  /** A delete operation of {@code tenant}, once sink-service has recorded its first item. */
  Optional<DeleteOperation> deleteOperation(String tenant, String operationId);
}
