package org.contactpipeline.store;

import java.time.Instant;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * One row of {@code delete_operation_items}: how the resolver decided one item of a delete request.
 * The operation is the request; its id is the request id.
 *
 * @param contactKey the retired key when the item deleted a contact, otherwise null
 * @param contactId the retired or requested ID; 0 when the item named an unknown key
 * @param recordedAt when the resolver decided the item
 */
public record DeleteOperationItem(
    String operationId,
    String tenant,
    int itemIndex,
    int itemCount,
    String contactKey,
    long contactId,
    boolean deleted,
    Instant recordedAt) {

  /** Whether a result belongs to a delete operation at all. */
  public static boolean isDelete(ContactResult result) {
    return result.getAction() == CommandAction.DELETE;
  }

  static DeleteOperationItem of(ContactResult result) {
    boolean deleted = result.getOutcome() == CommandOutcome.DELETED;
    return new DeleteOperationItem(
        result.getRequestId(),
        result.getKey().getTenant(),
        result.getItemIndex(),
        result.getItemCount(),
        deleted ? result.getKey().getContactKey() : null,
        result.getContactId(),
        deleted,
        result.getResolvedAt());
  }
}
