package org.contactpipeline.ingest.ivvy;

import java.util.Locale;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;

/**
 * A validated {@code addOrUpdateContact} call and the one command it becomes. iVvy's identity rule
 * lives here: with an {@code id}, update that contact by ID; without, the contact key is the email
 * lower-cased within the tenant, and {@code updateIfExists} decides between matching on the names
 * (the resolver compares them) and creating only.
 *
 * @param contactId the {@code id} given, or null to add
 * @param email the email given; the contact key when there is no id
 * @param clearExternalUrls {@code externalUrls: null} was sent: remove every external URL first
 */
record IvvyContactChange(
    String tenant,
    Long contactId,
    String email,
    boolean updateIfExists,
    boolean clearExternalUrls,
    ContactData changes) {

  ContactCommand command(Commands commands, String requestId) {
    return command(commands.request(requestId, 1), 0);
  }

  /** The command of item {@code index} of {@code request} (a batch's job). */
  ContactCommand command(Commands.Request request, int index) {
    ContactCommand command =
        contactId != null
            ? request.item(
                index, ContactAddress.id(tenant, contactId), CommandAction.UPDATE, changes)
            : request.item(
                index,
                ContactAddress.key(tenant, email.toLowerCase(Locale.ROOT)),
                updateIfExists ? CommandAction.MATCH_NAMES_OR_CREATE : CommandAction.CREATE,
                changes);
    return clearExternalUrls
        ? ContactCommand.newBuilder(command).setClearExternalUrls(true).build()
        : command;
  }
}
