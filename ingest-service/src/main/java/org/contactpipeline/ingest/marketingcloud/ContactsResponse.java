package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The response of {@code POST} and {@code PATCH /contacts/v1/contacts} in the seed's exact field
 * names and order, the vendor's {@code rowsAffetcted} spelling included. A failure has the same
 * shape: {@code operationStatus "FAIL"}, {@code hasErrors true}, no rows affected, and result
 * messages saying what is wrong.
 */
@JsonPropertyOrder({
  "operationStatus",
  "rowsAffetcted",
  "contactKey",
  "contactId",
  "contactTypeID",
  "isNewContactKey",
  "requestServiceMessageID",
  "hasErrors",
  "resultMessages",
  "serviceMessageID"
})
public record ContactsResponse(
    @JsonProperty("operationStatus") String operationStatus,
    @JsonProperty("rowsAffetcted") int rowsAffetcted,
    @JsonProperty("contactKey") String contactKey,
    @JsonProperty("contactId") long contactId,
    @JsonProperty("contactTypeID") int contactTypeId,
    @JsonProperty("isNewContactKey") boolean isNewContactKey,
    @JsonProperty("requestServiceMessageID") String requestServiceMessageId,
    @JsonProperty("hasErrors") boolean hasErrors,
    @JsonProperty("resultMessages") List<ResultMessage> resultMessages,
    @JsonProperty("serviceMessageID") String serviceMessageId) {

  static final String OK = "OK";
  static final String FAIL = "FAIL";
}
