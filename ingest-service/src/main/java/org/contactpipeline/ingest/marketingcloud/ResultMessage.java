package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Marketing Cloud's result message: what happened, how bad it is, a stable code and details. */
@JsonPropertyOrder({"resultType", "resultClass", "resultCode", "message", "data"})
public record ResultMessage(String resultType, String resultClass, String resultCode, String message, String data) {

  /** Exactly the message of the vendor's fire-and-forget example, trailing space included. */
  static final ResultMessage RESULTS_NOT_REQUESTED = new ResultMessage("Operational", "Information",
      "ResponseReturnsNotRequested", "ServiceCommand.ResultsProcessing.Information",
      "The data operation returned successfully but no results were requested to be returned. ");

  static ResultMessage validationError(String code, String message, String data) {
    return new ResultMessage("Validation", "Error", code, message, data);
  }

  static ResultMessage operationalError(String code, String message, String data) {
    return new ResultMessage("Operational", "Error", code, message, data);
  }
}
