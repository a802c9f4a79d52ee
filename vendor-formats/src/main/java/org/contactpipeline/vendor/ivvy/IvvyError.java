package org.contactpipeline.vendor.ivvy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * iVvy's exception body. Clients (the vendor's SDK among them) tell an error from a result by the
 * presence of {@code errorCode}; the HTTP status equals it. {@code specificCode} and {@code
 * additionalMessages} are left out when there is nothing specific to say.
 */
@JsonPropertyOrder({"errorCode", "message", "specificCode", "additionalMessages"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IvvyError(
    int errorCode, String message, Integer specificCode, List<String> additionalMessages) {

  /** No contact with the given id (in the caller's tenant). */
  public static final int CONTACT_NOT_FOUND = 24096;

  public IvvyError {
    additionalMessages =
        additionalMessages == null || additionalMessages.isEmpty()
            ? null
            : List.copyOf(additionalMessages);
  }

  /** An error with no specific code (authentication, unknown route, pipeline unavailable). */
  public static IvvyError of(int errorCode, String message) {
    return new IvvyError(errorCode, message, null, null);
  }

  /** {@code getContact}'s answer for an id the tenant has no contact with, alone or in a batch. */
  public static IvvyError contactNotFound() {
    return new IvvyError(404, "Unable to find contact", CONTACT_NOT_FOUND, null);
  }
}
