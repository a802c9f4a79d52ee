package org.contactpipeline.ingest.pipeline;

import org.contactpipeline.schemas.avro.ContactKey;

/**
 * Which contact a command is about: by its key, or by its ID within a tenant. An address by ID may
 * also name the key the caller believes that contact has; the resolver checks it where the contact
 * lives (answering REJECTED, "contact ID n does not have key 'k'"), so the check cannot race a
 * change of key.
 */
public sealed interface ContactAddress {

  /** Contact type of contacts made by the APIs that have no contact types (iVvy, Cendyn). */
  int DEFAULT_CONTACT_TYPE = 0;

  static ContactAddress key(ContactKey key) {
    return new ByKey(key);
  }

  /** A key of the default contact type. */
  static ContactAddress key(String tenant, String contactKey) {
    return new ByKey(new ContactKey(tenant, DEFAULT_CONTACT_TYPE, contactKey));
  }

  static ContactAddress id(String tenant, long contactId) {
    return new ById(tenant, contactId, "");
  }

  /**
   * @param namedKey the key the caller says the contact has; empty when none is named
   */
  static ContactAddress id(String tenant, long contactId, String namedKey) {
    return new ById(tenant, contactId, namedKey);
  }

  /**
   * The key the command carries: the contact's, or for an address by ID only the tenant and the
   * named key.
   */
  ContactKey commandKey();

  /** The ID addressed, or null for an address by key. */
  Long contactId();

  record ByKey(ContactKey key) implements ContactAddress {
    @Override
    public ContactKey commandKey() {
      return key;
    }

    @Override
    public Long contactId() {
      return null;
    }
  }

  /** Published to the partition that owns the ID ({@code contactId mod P}). */
  record ById(String tenant, long id, String namedKey) implements ContactAddress {
    @Override
    public ContactKey commandKey() {
      return new ContactKey(tenant, DEFAULT_CONTACT_TYPE, namedKey);
    }

    @Override
    public Long contactId() {
      return id;
    }
  }
}
