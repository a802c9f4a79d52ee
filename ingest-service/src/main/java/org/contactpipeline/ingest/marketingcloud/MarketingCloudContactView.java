package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One contact as {@code GET /contacts/v1/contacts/key:{contactKey}} and {@code id:{contactId}}
 * return it. Marketing Cloud documents no such read (see api-shapes.md 1f), so the shape is
 * PROPOSED from its own parts: the identity members and envelope of the contacts response, and the
 * attribute sets exactly as {@code POST /contacts/v1/contacts} takes them. Dates are UTC without an
 * offset, like the vendor's {@code createDate}.
 */
@JsonPropertyOrder({
  "operationStatus",
  "contactKey",
  "contactId",
  "contactTypeID",
  "contactStatus",
  "createdDate",
  "modifiedDate",
  "attributeSets",
  "requestServiceMessageID",
  "hasErrors",
  "resultMessages",
  "serviceMessageID"
})
public record MarketingCloudContactView(
    @JsonProperty("operationStatus") String operationStatus,
    @JsonProperty("contactKey") String contactKey,
    @JsonProperty("contactId") long contactId,
    @JsonProperty("contactTypeID") int contactTypeId,
    @JsonProperty("contactStatus") String contactStatus,
    @JsonProperty("createdDate") String createdDate,
    @JsonProperty("modifiedDate") String modifiedDate,
    @JsonProperty("attributeSets") List<AttributeSetView> attributeSets,
    @JsonProperty("requestServiceMessageID") String requestServiceMessageId,
    @JsonProperty("hasErrors") boolean hasErrors,
    @JsonProperty("resultMessages") List<ResultMessage> resultMessages,
    @JsonProperty("serviceMessageID") String serviceMessageId) {

  @JsonPropertyOrder({"name", "items"})
  public record AttributeSetView(
      @JsonProperty("name") String name, @JsonProperty("items") List<ItemView> items) {}

  @JsonPropertyOrder({"values"})
  public record ItemView(@JsonProperty("values") List<ValueView> values) {}

  @JsonPropertyOrder({"name", "value"})
  public record ValueView(@JsonProperty("name") String name, @JsonProperty("value") Object value) {}
}
