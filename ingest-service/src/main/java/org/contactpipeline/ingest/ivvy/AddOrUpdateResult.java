package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What {@code addOrUpdateContact} returns, per the vendor's reference: {@code success}, the
 * contact's {@code id}, and a {@code message} only when {@code success} is false.
 */
@JsonPropertyOrder({"success", "id", "message"})
@JsonInclude(JsonInclude.Include.NON_NULL)
record AddOrUpdateResult(boolean success, Long id, String message) {

  static AddOrUpdateResult succeeded(long id) {
    return new AddOrUpdateResult(true, id, null);
  }

  static AddOrUpdateResult failed(String message) {
    return new AddOrUpdateResult(false, null, message);
  }
}
