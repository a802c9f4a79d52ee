package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.contactpipeline.schemas.ContactKeyText;
import org.contactpipeline.schemas.StorableText;
import org.contactpipeline.schemas.avro.AttributeItem;
import org.contactpipeline.schemas.avro.AttributeSet;
import org.contactpipeline.schemas.avro.AttributeValue;

/**
 * Applies the seed's contract for {@code POST /contacts/v1/contacts} (and its update twin, {@code
 * PATCH}) against the {@link ContactDataModel}. Every rule refuses with its own result code:
 *
 * <ul>
 *   <li>{@code InvalidRequestBody}: not a JSON object;
 *   <li>{@code ContactKeyOrIdRequired}: neither {@code contactKey} nor {@code contactID}; {@code
 *       InvalidContactKey} / {@code ContactKeyTooLong}; {@code InvalidContactId}: not a positive
 *       whole number (JSON number or digits);
 *   <li>{@code AttributeSetsRequired}: {@code attributeSets} missing, not an array, or empty;
 *   <li>{@code InvalidAttributeSet}: an element that is not an object with a {@code name};
 *   <li>{@code WhatsAppNotSupported}: a set whose name mentions WhatsApp;
 *   <li>{@code UnknownAttributeSet}: a set the data model does not have;
 *   <li>{@code DuplicateAttributeSet}: the same set twice; {@code MultipleAttributeSetItems}: a set
 *       with more than one item ("each call accepts only one instance of each attribute set");
 *   <li>{@code InvalidAttributeSetItems}: {@code items} not an array of one object with {@code
 *       values}; {@code InvalidAttributeValues}: {@code values} not a non-empty array of objects
 *       with a {@code name};
 *   <li>{@code UnknownAttribute}; {@code DuplicateAttribute}; {@code AttributeRequired} (HTML
 *       Enabled, Locale, the application ID, each channel's address); {@code InvalidAttributeValue}
 *       (wrong type, Locale without a country code, invalid email); {@code AttributeValueTooLong};
 *   <li>{@code RequiredAttributeSetMissing}: Email Demographics without Email Addresses, LINE
 *       Demographics without LINE Addresses and LINE Subscriptions;
 *   <li>{@code CreatingAttributeSetRequired}: a request that may create a contact without one of
 *       the creating combinations.
 * </ul>
 *
 * <p>Reading of the seed: the rules about one set needing another, required attributes and WhatsApp
 * describe what a request may carry, so they hold for creates and updates alike (the vendor's own
 * update example obeys them). "At least one of the attribute sets to create a new contact" holds
 * only where a contact may be created: {@code POST} by {@code contactKey}. A {@code PATCH}, or any
 * request by {@code contactID}, only updates an existing contact, so it may give, say, just Email
 * Demographics with Email Addresses, or just MobilePush Demographics. The seed documents {@code
 * attributeSets.values} directly on a set while its example nests them in {@code items}; both are
 * accepted, {@code values} on the set meaning one item.
 */
final class ContactChangeValidator {

  private final ContactDataModel model;
  private final int maxKeyLength;

  ContactChangeValidator(ContactDataModel model, int maxKeyLength) {
    this.model = model;
    this.maxKeyLength = maxKeyLength;
  }

  /**
   * @param mayCreate whether the request creates a contact when its key is new ({@code POST})
   */
  MarketingCloudContactChange validate(String tenant, ObjectNode body, boolean mayCreate) {
    String contactKey = contactKey(RequestValues.member(body, "contactKey"));
    Long contactId = contactId(RequestValues.member(body, "contactID"));
    if (contactKey == null && contactId == null) {
      throw new RequestRejection(
          "ContactKeyOrIdRequired", "give either contactKey or contactID", "contactKey");
    }
    List<AttributeSet> sets = attributeSets(RequestValues.member(body, "attributeSets"));
    requireSetsThatOthersNeed(sets);
    if (mayCreate && contactId == null) {
      requireACreatingCombination(sets);
    }
    return new MarketingCloudContactChange(UUID.randomUUID(), tenant, contactKey, contactId, sets);
  }

  private String contactKey(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw new RequestRejection(
          "InvalidContactKey", "contactKey must be a non-empty string", "contactKey");
    }
    String key = node.textValue();
    String problem = ContactKeyText.problemWith(key);
    if (problem != null) {
      throw new RequestRejection("InvalidContactKey", "contactKey " + problem, "contactKey");
    }
    if (key.length() > maxKeyLength) {
      throw new RequestRejection(
          "ContactKeyTooLong",
          "contactKey is "
              + key.length()
              + " characters long; at most "
              + maxKeyLength
              + " are allowed",
          "contactKey");
    }
    return key;
  }

  private static Long contactId(JsonNode node) {
    if (node == null) {
      return null;
    }
    Long id = RequestValues.positiveLong(node);
    if (id == null) {
      throw new RequestRejection(
          "InvalidContactId",
          "contactID must be a positive whole number, was " + RequestValues.shown(node),
          "contactID");
    }
    return id;
  }

  private List<AttributeSet> attributeSets(JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new RequestRejection(
          "AttributeSetsRequired",
          "attributeSets is required and must be an array of at least one attribute set",
          "attributeSets");
    }
    Map<AttributeSetDefinition, AttributeSet> sets = new LinkedHashMap<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "attributeSets[" + i + "]";
      JsonNode set = node.get(i);
      JsonNode name = set.isObject() ? RequestValues.member(set, "name") : null;
      if (name == null || !name.isTextual() || name.textValue().isBlank()) {
        throw new RequestRejection(
            "InvalidAttributeSet", path + " must be an object with a name", path + ".name");
      }
      if (ContactDataModel.isWhatsApp(name.textValue())) {
        throw new RequestRejection(
            "WhatsAppNotSupported",
            "WhatsApp is not supported: " + path + " is '" + name.textValue() + "'",
            path + ".name");
      }
      AttributeSetDefinition definition =
          model
              .set(name.textValue())
              .orElseThrow(
                  () ->
                      new RequestRejection(
                          "UnknownAttributeSet",
                          path
                              + " names the unknown attribute set '"
                              + name.textValue()
                              + "'; GET /contacts/v1/attributeSetDefinitions lists the known ones",
                          path + ".name"));
      if (sets.containsKey(definition)) {
        throw new RequestRejection(
            "DuplicateAttributeSet",
            "each call accepts only one instance of each attribute "
                + "set; "
                + definition.name()
                + " is given twice",
            path + ".name");
      }
      sets.put(
          definition, new AttributeSet(definition.name(), List.of(item(definition, set, path))));
    }
    return new ArrayList<>(sets.values());
  }

  private static AttributeItem item(AttributeSetDefinition definition, JsonNode set, String path) {
    JsonNode items = RequestValues.member(set, "items");
    JsonNode directValues = RequestValues.member(set, "values");
    if (items != null && directValues != null) {
      throw new RequestRejection(
          "InvalidAttributeSetItems",
          path + " gives both items and values; give one of them",
          path);
    }
    if (directValues != null) {
      return new AttributeItem(values(definition, directValues, path + ".values"));
    }
    if (items == null || !items.isArray() || items.isEmpty()) {
      throw new RequestRejection(
          "InvalidAttributeSetItems",
          path + ".items must be an array holding one item",
          path + ".items");
    }
    if (items.size() > 1) {
      throw new RequestRejection(
          "MultipleAttributeSetItems",
          "each call accepts only one instance of each attribute "
              + "set; "
              + path
              + " ("
              + definition.name()
              + ") has "
              + items.size()
              + " items",
          path + ".items");
    }
    JsonNode item = items.get(0);
    JsonNode values = item.isObject() ? RequestValues.member(item, "values") : null;
    if (values == null) {
      throw new RequestRejection(
          "InvalidAttributeSetItems",
          path + ".items[0] must be an object with values",
          path + ".items[0]");
    }
    return new AttributeItem(values(definition, values, path + ".items[0].values"));
  }

  private static List<AttributeValue> values(
      AttributeSetDefinition definition, JsonNode node, String path) {
    if (!node.isArray() || node.isEmpty()) {
      throw new RequestRejection(
          "InvalidAttributeValues",
          path + " must be an array of at least one name and value",
          path);
    }
    Map<AttributeDefinition, AttributeValue> values = new LinkedHashMap<>();
    for (int i = 0; i < node.size(); i++) {
      String at = path + "[" + i + "]";
      JsonNode pair = node.get(i);
      JsonNode name = pair.isObject() ? RequestValues.member(pair, "name") : null;
      if (name == null || !name.isTextual() || name.textValue().isBlank()) {
        throw new RequestRejection(
            "InvalidAttributeValues",
            at + " must be an object with a name and a value",
            at + ".name");
      }
      AttributeDefinition attribute =
          definition
              .attribute(name.textValue())
              .orElseThrow(
                  () ->
                      new RequestRejection(
                          "UnknownAttribute",
                          definition.name() + " has no attribute '" + name.textValue() + "'",
                          at + ".name"));
      if (values.containsKey(attribute)) {
        throw new RequestRejection(
            "DuplicateAttribute",
            definition.name() + "." + attribute.name() + " is given twice",
            at + ".name");
      }
      values.put(
          attribute,
          new AttributeValue(
              attribute.name(),
              value(definition, attribute, RequestValues.member(pair, "value"), at + ".value")));
    }
    for (AttributeDefinition attribute : definition.attributes()) {
      if (attribute.required()
          && (!values.containsKey(attribute) || values.get(attribute).getValue() == null)) {
        throw new RequestRejection(
            "AttributeRequired",
            definition.name() + " needs a value for " + attribute.name(),
            path);
      }
    }
    return new ArrayList<>(values.values());
  }

  private static Object value(
      AttributeSetDefinition set, AttributeDefinition attribute, JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    Object value;
    try {
      value = attribute.type().read(node);
    } catch (IllegalArgumentException wrongType) {
      throw new RequestRejection(
          "InvalidAttributeValue",
          set.name()
              + "."
              + attribute.name()
              + " ("
              + attribute.type().dataTypeName()
              + ") "
              + wrongType.getMessage()
              + ", was "
              + RequestValues.shown(node),
          path);
    }
    if (value instanceof String text) {
      String problem = StorableText.problemWith(text);
      if (problem != null) {
        throw new RequestRejection(
            "InvalidAttributeValue", set.name() + "." + attribute.name() + " " + problem, path);
      }
      if (text.length() > attribute.maxLength()) {
        throw new RequestRejection(
            "AttributeValueTooLong",
            set.name()
                + "."
                + attribute.name()
                + " is "
                + text.length()
                + " characters long; at most "
                + attribute.maxLength()
                + " are allowed",
            path);
      }
    }
    return value;
  }

  private void requireSetsThatOthersNeed(List<AttributeSet> sets) {
    List<String> given = sets.stream().map(AttributeSet::getName).toList();
    for (AttributeSet set : sets) {
      AttributeSetDefinition definition = model.set(set.getName()).orElseThrow();
      for (String needed : definition.requiredSets()) {
        if (!given.contains(needed)) {
          throw new RequestRejection(
              "RequiredAttributeSetMissing",
              definition.name()
                  + " may only be given together "
                  + "with "
                  + String.join(" and ", definition.requiredSets())
                  + "; "
                  + needed
                  + " is missing",
              "attributeSets");
        }
      }
    }
  }

  private void requireACreatingCombination(List<AttributeSet> sets) {
    List<String> given = sets.stream().map(AttributeSet::getName).toList();
    boolean creates = model.creatingCombinations().stream().anyMatch(given::containsAll);
    if (!creates) {
      throw new RequestRejection(
          "CreatingAttributeSetRequired",
          "to create a contact, give at least one of: "
              + String.join(
                  "; ",
                  model.creatingCombinations().stream()
                      .map(names -> String.join(" with ", names))
                      .toList()),
          "attributeSets");
    }
  }
}
