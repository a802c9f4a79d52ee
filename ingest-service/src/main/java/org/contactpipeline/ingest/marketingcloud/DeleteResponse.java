package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * {@code POST /contacts/v1/contacts/actions/delete} in the vendor's field names and order. A
 * refused request has {@code operationInitiated false} and no {@code operationID}; one the pipeline
 * did not answer in time keeps its {@code operationID}, whose status can be polled.
 */
@JsonPropertyOrder({
  "operationInitiated",
  "operationID",
  "requestServiceMessageID",
  "resultMessages",
  "serviceMessageID"
})
public record DeleteResponse(
    @JsonProperty("operationInitiated") boolean operationInitiated,
    @JsonProperty("operationID") @JsonInclude(JsonInclude.Include.NON_NULL) Long operationId,
    @JsonProperty("requestServiceMessageID") String requestServiceMessageId,
    @JsonProperty("resultMessages") List<ResultMessage> resultMessages,
    @JsonProperty("serviceMessageID") String serviceMessageId) {}
