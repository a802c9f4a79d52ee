package org.contactpipeline.ingest.ivvy;

import java.util.Locale;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;

/**
 * A validated {@code addOrUpdateContact} call and the one command it becomes. iVvy's identity
 * rule lives here: with an {@code id}, update that contact by ID; without, the contact key is the
 * email lower-cased within the tenant, and {@code updateIfExists} decides between matching on the
 * names (the resolver compares them) and creating only.
 *
 * @param contactId the {@code id} given, or null to add
 * @param email the email given; the contact key when there is no id
 * @param clearExternalUrls {@code externalUrls: null} was sent: remove every external URL first
 */
record ContactChange(String tenant, Long contactId, String email, boolean updateIfExists, boolean clearExternalUrls,
    ContactData changes) {

  ContactCommand command(String requestId) {
    ContactCommand command;
    if (contactId != null) {
      command = Commands.byId(requestId, 0, 1, tenant, contactId, CommandAction.UPDATE, changes);
    } else {
      ContactKey key = new ContactKey(tenant, Commands.DEFAULT_CONTACT_TYPE, email.toLowerCase(Locale.ROOT));
      command = Commands.byKey(requestId, 0, 1, key,
          updateIfExists ? CommandAction.MATCH_NAMES_OR_CREATE : CommandAction.CREATE, changes);
    }
    return clearExternalUrls ? ContactCommand.newBuilder(command).setClearExternalUrls(true).build() : command;
  }
}
