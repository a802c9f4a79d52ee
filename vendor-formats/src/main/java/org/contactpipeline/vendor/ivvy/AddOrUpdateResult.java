package org.contactpipeline.vendor.ivvy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.contactpipeline.schemas.avro.ContactResult;

/**
 * What {@code addOrUpdateContact} returns, per the vendor's reference: {@code success}, the
 * contact's {@code id}, and a {@code message} only when {@code success} is false.
 */
@JsonPropertyOrder({"success", "id", "message"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AddOrUpdateResult(boolean success, Long id, String message) {

  public static AddOrUpdateResult succeeded(long id) {
    return new AddOrUpdateResult(true, id, null);
  }

  public static AddOrUpdateResult failed(String message) {
    return new AddOrUpdateResult(false, null, message);
  }

  /**
   * The answer to the resolver's decision on one {@code addOrUpdateContact} command, the same
   * whether the call came alone or in a batch. An unknown id is worded the same whether it never
   * existed or belongs to another tenant: nothing is revealed.
   */
  public static AddOrUpdateResult of(ContactResult result) {
    return switch (result.getOutcome()) {
      case RESOLVED -> succeeded(result.getContactId());
      // A command addressed by ID carries that ID in its result; one by key carries 0.
      case NOT_FOUND, DELETED ->
          failed(
              result.getContactId() == 0
                  ? "Unable to find contact"
                  : "Unable to find contact with id " + result.getContactId());
      case REJECTED ->
          failed(
              result.getMessage() == null
                  ? "The contact was not added or updated"
                  : result.getMessage());
    };
  }
}
