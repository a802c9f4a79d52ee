package org.contactpipeline.vendor.ivvy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A contact as {@code getContact} and {@code getContactList} return it, in iVvy's field names. Ids
 * are strings, as iVvy sends them ({@code "id": "25146"}); company ids are numbers, as in the
 * vendor's example. Dates use the iVvy timestamp format (UTC). Every member is always present, null
 * or empty when the contact has no such data.
 */
@JsonPropertyOrder({
  "id",
  "externalId",
  "firstName",
  "lastName",
  "email",
  "phone",
  "groups",
  "customFields",
  "companies",
  "status",
  "smsStatus",
  "externalUrls",
  "privacyConsent",
  "createdDate",
  "modifiedDate"
})
public record IvvyContact(
    String id,
    String externalId,
    String firstName,
    String lastName,
    String email,
    String phone,
    List<Group> groups,
    List<CustomField> customFields,
    List<Long> companies,
    Integer status,
    Integer smsStatus,
    List<Url> externalUrls,
    Boolean privacyConsent,
    String createdDate,
    String modifiedDate) {

  /** A subscription group the contact belongs to. */
  @JsonPropertyOrder({"contactId", "groupId"})
  public record Group(String contactId, String groupId) {}

  /**
   * A custom field value: the value as it was set (text, number, boolean, date text or list of
   * options).
   */
  @JsonPropertyOrder({"fieldId", "displayName", "value"})
  public record CustomField(String fieldId, String displayName, JsonNode value) {}

  @JsonPropertyOrder({"ref", "url", "label"})
  public record Url(String ref, String url, String label) {}
}
