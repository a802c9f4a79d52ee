package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The establish response object, in the vendor's exact field names and order. The HTTP body is a
 * one-element JSON array holding it, as in the vendor's example.
 */
@JsonPropertyOrder({
  "items",
  "requestServiceMessageID",
  "responseDateTime",
  "resultMessages",
  "serviceMessageID"
})
public record EstablishResponse(
    @JsonProperty("items") List<Item> items,
    @JsonProperty("requestServiceMessageID") String requestServiceMessageId,
    @JsonProperty("responseDateTime") String responseDateTime,
    @JsonProperty("resultMessages") List<ResultMessage> resultMessages,
    @JsonProperty("serviceMessageID") String serviceMessageId) {

  /** One established contact, at its request position. */
  @JsonPropertyOrder({"value", "requestItemIndex", "resultMessages"})
  public record Item(
      @JsonProperty("value") Value value,
      @JsonProperty("requestItemIndex") int requestItemIndex,
      @JsonProperty("resultMessages") List<ResultMessage> resultMessages) {}

  /**
   * {@code isNewContact} is left out entirely unless the request asked for new-contact awareness.
   */
  @JsonPropertyOrder({"requestedContactKey", "isNewContact", "contactReference"})
  public record Value(
      @JsonProperty("requestedContactKey") String requestedContactKey,
      @JsonProperty("isNewContact") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean isNewContact,
      @JsonProperty("contactReference") ContactReference contactReference) {}

  @JsonPropertyOrder({"contactID", "contactType", "contactKey", "contactStatus"})
  public record ContactReference(
      @JsonProperty("contactID") long contactId,
      @JsonProperty("contactType") String contactType,
      @JsonProperty("contactKey") String contactKey,
      @JsonProperty("contactStatus") String contactStatus) {}
}
