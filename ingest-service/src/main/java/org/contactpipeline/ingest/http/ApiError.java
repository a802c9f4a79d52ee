package org.contactpipeline.ingest.http;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Marketing Cloud's generic REST error body, used where no endpoint-specific shape applies
 * (authentication, unknown routes, unexpected failures).
 */
@JsonPropertyOrder({"message", "errorcode", "documentation"})
public record ApiError(String message, int errorcode, String documentation) {

  public static ApiError of(String message, int code) {
    return new ApiError(message, code, "");
  }
}
