package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The response of {@code POST /contacts/v1/addresses/email/search} in the vendor's field names and
 * order. An address nobody has comes back with empty {@code contactKeyDetails}, so every address
 * asked about is answered.
 */
@JsonPropertyOrder({
  "channelAddressResponseEntities",
  "requestServiceMessageID",
  "resultMessages",
  "serviceMessageID"
})
public record EmailSearchResponse(
    @JsonProperty("channelAddressResponseEntities") List<Entity> channelAddressResponseEntities,
    @JsonProperty("requestServiceMessageID") String requestServiceMessageId,
    @JsonProperty("resultMessages") List<ResultMessage> resultMessages,
    @JsonProperty("serviceMessageID") String serviceMessageId) {

  @JsonPropertyOrder({"contactKeyDetails", "channelAddress"})
  public record Entity(
      @JsonProperty("contactKeyDetails") List<ContactKeyDetail> contactKeyDetails,
      @JsonProperty("channelAddress") String channelAddress) {}

  @JsonPropertyOrder({"contactKey", "createDate"})
  public record ContactKeyDetail(
      @JsonProperty("contactKey") String contactKey,
      @JsonProperty("createDate") String createDate) {}
}
