package org.contactpipeline.ingest.ivvy;

import java.util.List;
import java.util.Objects;

/**
 * One custom field a tenant defined: what {@code addOrUpdateContact} accepts for it and the name
 * {@code getContact} shows.
 *
 * @param options the allowed values of a select or multiselect field (exact, case-sensitive)
 * @param maxLength the longest text a text field takes; null for no limit
 */
record CustomFieldDefinition(
    long fieldId,
    String displayName,
    CustomFieldType type,
    List<String> options,
    Integer maxLength) {

  CustomFieldDefinition {
    Objects.requireNonNull(type, "type");
    options = options == null ? List.of() : List.copyOf(options);
    boolean selects = type == CustomFieldType.SELECT || type == CustomFieldType.MULTISELECT;
    if (selects && options.isEmpty()) {
      throw new IllegalArgumentException(
          "custom field " + fieldId + " is a " + type.externalName() + " field without options");
    }
    if (!selects && !options.isEmpty()) {
      throw new IllegalArgumentException(
          "custom field "
              + fieldId
              + " is a "
              + type.externalName()
              + " field; only select and multiselect fields have options");
    }
    if (maxLength != null && (type != CustomFieldType.TEXT || maxLength < 1)) {
      throw new IllegalArgumentException(
          "custom field "
              + fieldId
              + ": maxLength must be positive and is only "
              + "for text fields");
    }
  }
}
