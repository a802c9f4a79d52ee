package org.contactpipeline.ingest.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Marketing Cloud's generic REST error body, used where no endpoint-specific shape applies
 * (authentication, unknown routes, unexpected failures).
 */
@JsonPropertyOrder({"message", "errorcode", "documentation"})
public record ApiError(String message, int errorcode, String documentation) {

  /**
   * The body for an HTTP status: Marketing Cloud reports an authentication failure as errorcode 0.
   */
  public static ApiError forStatus(int status, String message) {
    return new ApiError(message, status == 401 ? 0 : status, "");
  }
}
