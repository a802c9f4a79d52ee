package org.contactpipeline.resolver;

import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;

/**
 * What the resolver decided for one command, before it becomes a result. Built only through the
 * factories, each of which says what its outcome carries: an ID, a status, data, a message.
 *
 * @param contactId 0 when no contact is concerned (a refused creation, a missing key)
 * @param created whether this decision issued the ID
 * @param unchanged whether the contact was found already as the command asked, so nothing was
 *     written for it
 */
record Decision(
    ContactKey key,
    long contactId,
    ContactStatus status,
    CommandOutcome outcome,
    boolean created,
    boolean unchanged,
    String message,
    ContactData data) {

  /** A new contact, with the ID just issued to it. */
  static Decision created(ContactKey key, ContactRecord golden) {
    return resolvedAs(key, golden, true, false);
  }

  /** An existing contact as the command just changed it. */
  static Decision resolved(ContactKey key, ContactRecord golden) {
    return resolvedAs(key, golden, false, false);
  }

  /** An existing contact that was already as the command asked: nothing was written for it. */
  static Decision unchanged(ContactKey key, ContactRecord golden) {
    return resolvedAs(key, golden, false, true);
  }

  /**
   * The one shape of a resolved contact, which carries its golden record as it now stands; {@code
   * created} and {@code unchanged} say how the command got it there.
   */
  private static Decision resolvedAs(
      ContactKey key, ContactRecord golden, boolean created, boolean unchanged) {
    return new Decision(
        key,
        golden.getContactId(),
        golden.getStatus(),
        CommandOutcome.RESOLVED,
        created,
        unchanged,
        null,
        golden.getData());
  }

  /** A contact whose key is now retired; its ID is never issued again. */
  static Decision deleted(ContactKey key, ContactRecord golden) {
    return new Decision(
        key, golden.getContactId(), null, CommandOutcome.DELETED, false, false, null, null);
  }

  /** No contact has this key, or this ID for the command's tenant (which says the same thing). */
  static Decision notFound(ContactKey key, long contactId, String message) {
    return new Decision(
        key, contactId, null, CommandOutcome.NOT_FOUND, false, false, message, null);
  }

  /** The command is refused for an existing contact, which stays as it was. */
  static Decision rejected(ContactKey key, ContactRecord golden, String message) {
    return new Decision(
        key,
        golden.getContactId(),
        golden.getStatus(),
        CommandOutcome.REJECTED,
        false,
        false,
        message,
        null);
  }

  /** The command would create a contact the rules refuse; no ID is issued. */
  static Decision creationRefused(ContactKey key, String message) {
    return new Decision(key, 0, null, CommandOutcome.REJECTED, false, false, message, null);
  }

  /**
   * The same decision answered with the reference only, as establish is: its requests hold up to a
   * thousand items, and that many contacts' data gathered in one ingest instance's memory would be
   * waste.
   */
  Decision withoutData() {
    return new Decision(key, contactId, status, outcome, created, unchanged, message, null);
  }
}
