package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /contacts/v1/attributeSetDefinitions} in the vendor's documented shape (api-shapes.md
 * 1d): {@code id} / {@code key} / {@code name.value} per set and per attribute, the attributes
 * under {@code attributes}, paging members {@code page}, {@code pageSize}, {@code count}. Members
 * the vendor fills from its own platform and this service has no counterpart for (category ids,
 * retention, obfuscation, application ids) are left out rather than invented. A required attribute
 * is {@code isNullable: false}; text attributes carry their maximum {@code length}.
 */
@JsonPropertyOrder({
  "page",
  "pageSize",
  "count",
  "items",
  "links",
  "requestServiceMessageID",
  "resultMessages",
  "serviceMessageID"
})
public record AttributeSetDefinitionsResponse(
    @JsonProperty("page") int page,
    @JsonProperty("pageSize") int pageSize,
    @JsonProperty("count") int count,
    @JsonProperty("items") List<SetDefinition> items,
    @JsonProperty("links") Map<String, Link> links,
    @JsonProperty("requestServiceMessageID") String requestServiceMessageId,
    @JsonProperty("resultMessages") List<ResultMessage> resultMessages,
    @JsonProperty("serviceMessageID") String serviceMessageId) {

  /** The vendor's names are objects: {@code "name": {"value": "Email Addresses"}}. */
  public record Name(@JsonProperty("value") String value) {}

  public record Link(@JsonProperty("href") String href) {}

  @JsonPropertyOrder({
    "id",
    "key",
    "name",
    "fullyQualifiedName",
    "storageLogicalType",
    "isRoot",
    "isSendable",
    "isShared",
    "isEvent",
    "relationships",
    "attributes",
    "canAddValues",
    "isSystemDefined",
    "canRemove",
    "canModify",
    "isReadOnly",
    "objectState"
  })
  public record SetDefinition(
      @JsonProperty("id") String id,
      @JsonProperty("key") String key,
      @JsonProperty("name") Name name,
      @JsonProperty("fullyQualifiedName") String fullyQualifiedName,
      @JsonProperty("storageLogicalType") String storageLogicalType,
      @JsonProperty("isRoot") boolean isRoot,
      @JsonProperty("isSendable") boolean isSendable,
      @JsonProperty("isShared") boolean isShared,
      @JsonProperty("isEvent") boolean isEvent,
      @JsonProperty("relationships") List<Object> relationships,
      @JsonProperty("attributes") List<Attribute> attributes,
      @JsonProperty("canAddValues") boolean canAddValues,
      @JsonProperty("isSystemDefined") boolean isSystemDefined,
      @JsonProperty("canRemove") boolean canRemove,
      @JsonProperty("canModify") boolean canModify,
      @JsonProperty("isReadOnly") boolean isReadOnly,
      @JsonProperty("objectState") String objectState) {}

  @JsonPropertyOrder({
    "id",
    "key",
    "name",
    "dataType",
    "isPrimaryKey",
    "isNullable",
    "isReadOnly",
    "displayOrder",
    "length",
    "restrictedValues",
    "fullyQualifiedName",
    "parentId",
    "isSystemDefined",
    "isIdentityValue",
    "isHidden",
    "isUpdateable",
    "parentType",
    "objectState"
  })
  public record Attribute(
      @JsonProperty("id") String id,
      @JsonProperty("key") String key,
      @JsonProperty("name") Name name,
      @JsonProperty("dataType") String dataType,
      @JsonProperty("isPrimaryKey") boolean isPrimaryKey,
      @JsonProperty("isNullable") boolean isNullable,
      @JsonProperty("isReadOnly") boolean isReadOnly,
      @JsonProperty("displayOrder") int displayOrder,
      @JsonProperty("length") @JsonInclude(JsonInclude.Include.NON_NULL) Integer length,
      @JsonProperty("restrictedValues") List<Object> restrictedValues,
      @JsonProperty("fullyQualifiedName") String fullyQualifiedName,
      @JsonProperty("parentId") String parentId,
      @JsonProperty("isSystemDefined") boolean isSystemDefined,
      @JsonProperty("isIdentityValue") boolean isIdentityValue,
      @JsonProperty("isHidden") boolean isHidden,
      @JsonProperty("isUpdateable") boolean isUpdateable,
      @JsonProperty("parentType") String parentType,
      @JsonProperty("objectState") String objectState) {}
}
