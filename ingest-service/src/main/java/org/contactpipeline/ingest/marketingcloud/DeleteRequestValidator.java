package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.contactpipeline.schemas.ContactKeyText;

/**
 * The contract of {@code POST /contacts/v1/contacts/actions/delete?type=keys|ids} (vendor docs
 * DeleteByContactKeys / DeleteByContactIDs). Refusals:
 *
 * <ul>
 *   <li>{@code DeleteTypeRequired} / {@code InvalidDeleteType}: the {@code type} query parameter
 *       missing, or other than {@code keys} or {@code ids} ({@code listReference} is not offered);
 *   <li>{@code ValuesRequired}: {@code values} missing, not an array, or empty; {@code
 *       TooManyValues}: more than the configured limit;
 *   <li>{@code InvalidValue}: for keys, an element that is not a non-empty string that can be a
 *       contact key, or is too long; for ids, one that is not a positive whole number;
 *   <li>{@code DeleteOperationTypeRequired} / {@code UnsupportedDeleteOperationType}: only {@code
 *       ContactAndAttributes} is offered ({@code AttributesOnly} is reserved by the vendor).
 * </ul>
 */
final class DeleteRequestValidator {

  static final String CONTACT_AND_ATTRIBUTES = "ContactAndAttributes";

  private final int maxKeyLength;
  private final int maxValues;

  DeleteRequestValidator(int maxKeyLength, int maxValues) {
    this.maxKeyLength = maxKeyLength;
    this.maxValues = maxValues;
  }

  /** What to delete: contact keys ({@code type=keys}) or contact IDs ({@code type=ids}). */
  enum By {
    KEYS,
    IDS
  }

  /** A validated delete: exactly one of {@code keys} and {@code ids} is non-empty. */
  record Plan(By by, List<String> keys, List<Long> ids) {

    Plan {
      keys = List.copyOf(keys);
      ids = List.copyOf(ids);
    }

    int size() {
      return by == By.KEYS ? keys.size() : ids.size();
    }
  }

  Plan validate(String type, ObjectNode body) {
    By by = by(type);
    JsonNode values = RequestValues.member(body, "values");
    if (values == null || !values.isArray() || values.isEmpty()) {
      throw new RequestRejection(
          "ValuesRequired",
          "values is required and must hold at least one contact " + (by == By.KEYS ? "key" : "ID"),
          "values");
    }
    if (values.size() > maxValues) {
      throw new RequestRejection(
          "TooManyValues",
          "values holds "
              + values.size()
              + " entries; at most "
              + maxValues
              + " are allowed per request",
          "values");
    }
    requireContactAndAttributes(RequestValues.member(body, "DeleteOperationType"));
    List<String> keys = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (by == By.KEYS) {
        keys.add(key(values.get(i), "values[" + i + "]"));
      } else {
        ids.add(id(values.get(i), "values[" + i + "]"));
      }
    }
    return new Plan(by, keys, ids);
  }

  private static By by(String type) {
    if (type == null || type.isBlank()) {
      throw new RequestRejection(
          "DeleteTypeRequired",
          "the query parameter type is required: type=keys or type=ids",
          "type");
    }
    return switch (type.strip().toLowerCase(Locale.ROOT)) {
      case "keys" -> By.KEYS;
      case "ids" -> By.IDS;
      default ->
          throw new RequestRejection(
              "InvalidDeleteType", "type must be keys or ids, was '" + type + "'", "type");
    };
  }

  private static void requireContactAndAttributes(JsonNode operationType) {
    if (operationType == null) {
      throw new RequestRejection(
          "DeleteOperationTypeRequired",
          "DeleteOperationType is required: " + CONTACT_AND_ATTRIBUTES,
          "DeleteOperationType");
    }
    if (!operationType.isTextual()
        || !operationType.textValue().strip().equalsIgnoreCase(CONTACT_AND_ATTRIBUTES)) {
      throw new RequestRejection(
          "UnsupportedDeleteOperationType",
          "DeleteOperationType must be "
              + CONTACT_AND_ATTRIBUTES
              + ", was "
              + RequestValues.shown(operationType),
          "DeleteOperationType");
    }
  }

  private String key(JsonNode value, String path) {
    if (!value.isTextual() || value.textValue().isEmpty()) {
      throw new RequestRejection("InvalidValue", path + " must be a non-empty contact key", path);
    }
    String key = value.textValue();
    String problem = ContactKeyText.problemWith(key);
    if (problem != null) {
      throw new RequestRejection("InvalidValue", path + " " + problem, path);
    }
    if (key.length() > maxKeyLength) {
      throw new RequestRejection(
          "InvalidValue",
          path
              + " is "
              + key.length()
              + " characters long; contact keys have "
              + "at most "
              + maxKeyLength,
          path);
    }
    return key;
  }

  private static long id(JsonNode value, String path) {
    Long id = RequestValues.positiveLong(value);
    if (id == null) {
      throw new RequestRejection(
          "InvalidValue",
          path
              + " must be a positive whole number (a contact ID), was "
              + RequestValues.shown(value),
          path);
    }
    return id;
  }
}
