package org.contactpipeline.resolver;

import java.util.EnumSet;
import java.util.Set;
import org.contactpipeline.schemas.ContactKeyText;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;

/**
 * What the resolver refuses to decide. ingest-service never sends such commands; producers that
 * write to Kafka directly can, and their mistakes go to the dead-letter topic with the reason
 * instead of stopping the pipeline.
 */
final class CommandValidation {

  /** Actions that act on an existing contact, and so may name it by ID. */
  private static final Set<CommandAction> ID_ADDRESSABLE =
      EnumSet.of(CommandAction.UPDATE, CommandAction.DELETE);

  private CommandValidation() {}

  /** The reason this command cannot be processed, or {@code null} when it can. */
  static String problemWith(ContactCommand command) {
    if (command == null) {
      return "a tombstone (null value) is not a command";
    }
    if (command.getRequestId().isBlank()) {
      return "requestId is blank";
    }
    if (command.getItemCount() < 1) {
      return "itemCount must be at least 1, was " + command.getItemCount();
    }
    if (command.getItemIndex() < 0 || command.getItemIndex() >= command.getItemCount()) {
      return "itemIndex "
          + command.getItemIndex()
          + " is outside [0, "
          + command.getItemCount()
          + ")";
    }
    if (command.getKey().getTenant().isBlank()) {
      return "key.tenant is blank";
    }
    if (command.getKey().getContactType() < 0) {
      return "key.contactType must not be negative, was " + command.getKey().getContactType();
    }
    if (command.getContactId() != null) {
      return problemWithIdAddress(command);
    }
    if (command.getKey().getContactKey().isEmpty()) {
      return "key.contactKey is empty (and no contactId addresses the contact instead)";
    }
    String keyProblem = ContactKeyText.problemWith(command.getKey().getContactKey());
    if (keyProblem != null) {
      return "key.contactKey " + keyProblem;
    }
    return null;
  }

  private static String problemWithIdAddress(ContactCommand command) {
    if (command.getContactId() <= 0) {
      return "contactId must be positive, was " + command.getContactId();
    }
    if (!ID_ADDRESSABLE.contains(command.getAction())) {
      return "action "
          + command.getAction()
          + " needs a contact key; only "
          + ID_ADDRESSABLE
          + " may address a contact by contactId";
    }
    return null;
  }
}
