package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.UUID;

/**
 * Marketing Cloud's failure envelope for the read endpoints (lookup, email search, attribute set
 * definitions, delete status): the members of the contacts response that say a request failed,
 * without the members only a write has.
 */
@JsonPropertyOrder({
  "operationStatus",
  "hasErrors",
  "requestServiceMessageID",
  "resultMessages",
  "serviceMessageID"
})
public record FailResponse(
    @JsonProperty("operationStatus") String operationStatus,
    @JsonProperty("hasErrors") boolean hasErrors,
    @JsonProperty("requestServiceMessageID") String requestServiceMessageId,
    @JsonProperty("resultMessages") List<ResultMessage> resultMessages,
    @JsonProperty("serviceMessageID") String serviceMessageId) {

  static FailResponse of(ResultMessage message) {
    return new FailResponse(
        ContactsResponse.FAIL,
        true,
        UUID.randomUUID().toString(),
        List.of(message),
        UUID.randomUUID().toString());
  }

  static FailResponse of(RequestRejection rejection) {
    return of(
        ResultMessage.validationError(
            rejection.resultCode(), rejection.getMessage(), rejection.field()));
  }

  /** The 400 with which the contact endpoints that read refuse a request. */
  static void refuse(Context ctx, RequestRejection rejection) {
    ctx.status(HttpStatus.BAD_REQUEST).json(of(rejection));
  }
}
