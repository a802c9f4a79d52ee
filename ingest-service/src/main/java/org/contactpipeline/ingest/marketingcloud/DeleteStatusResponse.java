package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * {@code GET /contacts/v1/contacts/actions/delete/status} in the vendor's documented shape
 * (api-shapes.md 1b), with the members this service can fill truthfully. Both phases the vendor
 * reports, {@code operation.status} and {@code
 * backgroundOperationsSummary[].backgroundOperationStatusID}, say {@code Processing} until the
 * resolver has decided every value and {@code Completed} after. A deleted contact cannot be
 * restored here, so {@code numberofRestorableDays} is 0. The counts {@code completedContactCount}
 * (named as in the vendor's delete analytics), {@code deletedContactCount} and {@code
 * notFoundContactCount} are PROPOSED additions.
 */
@JsonPropertyOrder({
  "operationMappings",
  "backgroundOperationsSummary",
  "numberofRestorableDays",
  "operation",
  "requestServiceMessageID",
  "responseDateTime",
  "resultMessages",
  "serviceMessageID"
})
public record DeleteStatusResponse(
    @JsonProperty("operationMappings") List<Object> operationMappings,
    @JsonProperty("backgroundOperationsSummary")
        List<BackgroundOperation> backgroundOperationsSummary,
    @JsonProperty("numberofRestorableDays") int numberofRestorableDays,
    @JsonProperty("operation") Operation operation,
    @JsonProperty("requestServiceMessageID") String requestServiceMessageId,
    @JsonProperty("responseDateTime") String responseDateTime,
    @JsonProperty("resultMessages") List<ResultMessage> resultMessages,
    @JsonProperty("serviceMessageID") String serviceMessageId) {

  static final String PROCESSING = "Processing";
  static final String COMPLETED = "Completed";

  @JsonPropertyOrder({"backgroundOperationID", "backgroundOperationStatusID"})
  public record BackgroundOperation(
      @JsonProperty("backgroundOperationID") long backgroundOperationId,
      @JsonProperty("backgroundOperationStatusID") String backgroundOperationStatusId) {}

  @JsonPropertyOrder({
    "operationID",
    "deleteType",
    "expectedListCount",
    "completedContactCount",
    "deletedContactCount",
    "notFoundContactCount",
    "errorsOccurredInBatchProcess",
    "status"
  })
  public record Operation(
      @JsonProperty("operationID") long operationId,
      @JsonProperty("deleteType") String deleteType,
      @JsonProperty("expectedListCount") int expectedListCount,
      @JsonProperty("completedContactCount") int completedContactCount,
      @JsonProperty("deletedContactCount") int deletedContactCount,
      @JsonProperty("notFoundContactCount") int notFoundContactCount,
      @JsonProperty("errorsOccurredInBatchProcess") boolean errorsOccurredInBatchProcess,
      @JsonProperty("status") String status) {}
}
