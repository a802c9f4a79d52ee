package org.contactpipeline.ingest.pipeline;

import java.time.Instant;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;

/** Builds the commands that handlers publish; {@code replyTo} is left to {@link CommandGateway}. */
public final class Commands {

  /** Contact type of contacts made by the APIs that have no contact types (iVvy, Cendyn). */
  public static final int DEFAULT_CONTACT_TYPE = 0;

  private Commands() {
  }

  /** Item {@code index} of {@code count} in request {@code requestId}, addressed by key. */
  public static ContactCommand byKey(String requestId, int index, int count, ContactKey key, CommandAction action,
      ContactData changes) {
    return base(requestId, index, count, key, action, changes).build();
  }

  /**
   * Addressed by ID: the key carries only the tenant that scopes the ID, and the publisher sends
   * the command to the partition that owns the ID.
   */
  public static ContactCommand byId(String requestId, int index, int count, String tenant, long contactId,
      CommandAction action, ContactData changes) {
    return byId(requestId, index, count, tenant, contactId, "", action, changes);
  }

  /**
   * Addressed by ID, naming the contact key the caller says that contact has (empty: none named).
   * The resolver checks it where the contact lives and answers REJECTED ("contact ID n does not
   * have key 'k'") when the contact has another key, so the check cannot race a change of key.
   */
  public static ContactCommand byId(String requestId, int index, int count, String tenant, long contactId,
      String contactKey, CommandAction action, ContactData changes) {
    return base(requestId, index, count, new ContactKey(tenant, DEFAULT_CONTACT_TYPE, contactKey), action, changes)
        .setContactId(contactId)
        .build();
  }

  private static ContactCommand.Builder base(String requestId, int index, int count, ContactKey key,
      CommandAction action, ContactData changes) {
    return ContactCommand.newBuilder()
        .setRequestId(requestId)
        .setItemIndex(index)
        .setItemCount(count)
        .setKey(key)
        .setAction(action)
        .setReplyTo(null)
        .setIssuedAt(Instant.now())
        .setContactId(null)
        .setChanges(changes)
        .setClearExternalUrls(false);
  }
}
