package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.PipelineFailure;

/** Marketing Cloud's result message: what happened, how bad it is, a stable code and details. */
@JsonPropertyOrder({"resultType", "resultClass", "resultCode", "message", "data"})
public record ResultMessage(
    String resultType, String resultClass, String resultCode, String message, String data) {

  /** Exactly the message of the vendor's fire-and-forget example, trailing space included. */
  static final ResultMessage RESULTS_NOT_REQUESTED =
      new ResultMessage(
          "Operational",
          "Information",
          "ResponseReturnsNotRequested",
          "ServiceCommand.ResultsProcessing.Information",
          "The data operation returned successfully but no results were requested to be returned. ");

  static ResultMessage validationError(String code, String message, String data) {
    return new ResultMessage("Validation", "Error", code, message, data);
  }

  static ResultMessage operationalError(String code, String message, String data) {
    return new ResultMessage("Operational", "Error", code, message, data);
  }

  /**
   * Marketing Cloud's words for a request the pipeline did not answer in full.
   *
   * @param stillRunning what an accepted but unanswered request means for the caller, e.g. "the
   *     contact is still being updated"
   */
  static ResultMessage pipelineFailure(PipelineFailure failure, String stillRunning) {
    String request = "Request " + failure.requestId();
    if (failure instanceof CommandGateway.TimedOut timedOut) {
      return operationalError(
          "ResponseTimedOut",
          request
              + " was accepted but only "
              + timedOut.resolved()
              + " of "
              + timedOut.itemCount()
              + " contacts were answered in time; "
              + stillRunning
              + ".",
          failure.requestId());
    }
    return operationalError(
        "ServiceUnavailable",
        request
            + " could not be written to Kafka in full and was not "
            + "accepted; part of it may have been applied. Retrying is safe.",
        failure.getCause() == null
            ? failure.requestId()
            : failure.getCause().getClass().getSimpleName());
  }
}
