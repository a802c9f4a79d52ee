package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.contactpipeline.schemas.StorableText;

/**
 * The kinds of iVvy custom field a tenant can define, each with the values it accepts. iVvy's own
 * kinds map onto these: small/large text → text, whole number → number, date, single select →
 * select, multiple select → multiselect; boolean stands for a yes/no field.
 */
enum CustomFieldType {
  TEXT,
  NUMBER,
  DATE,
  BOOLEAN,
  SELECT,
  MULTISELECT;

  private static final DateTimeFormatter DATE_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  /** The type a definitions file names ({@code text}, {@code number}, ... in any case). */
  static CustomFieldType named(String name) {
    for (CustomFieldType type : values()) {
      if (type.name().equalsIgnoreCase(name)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown custom field type '"
            + name
            + "'; known: text, number, date, "
            + "boolean, select, multiselect");
  }

  String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Why {@code value} does not fit a field of this type, or null when it does ({@code null} always
   * fits: it clears).
   */
  String problemWith(JsonNode value, CustomFieldDefinition field) {
    if (value.isNull()) {
      return null;
    }
    return switch (this) {
      case TEXT -> textProblem(value, field);
      case NUMBER -> Params.wholeNumberOf(value) == null ? "Value must be a whole number" : null;
      case DATE -> isDate(value) ? null : "Value must be a date (yyyy-mm-dd)";
      case BOOLEAN -> asBoolean(value) == null ? "Value must be a boolean" : null;
      case SELECT ->
          value.isTextual() && field.options().contains(value.textValue())
              ? null
              : "Value must be one of " + field.options();
      case MULTISELECT -> multiSelectProblem(value, field);
    };
  }

  /**
   * The value as stored: numbers and booleans as JSON numbers and booleans, a multiselect without
   * repeats.
   */
  JsonNode normalize(JsonNode value) {
    if (value.isNull()) {
      return value;
    }
    return switch (this) {
      case NUMBER -> LongNode.valueOf(Params.wholeNumberOf(value));
      case BOOLEAN -> BooleanNode.valueOf(asBoolean(value));
      case MULTISELECT -> {
        Set<String> chosen = new LinkedHashSet<>();
        value.forEach(option -> chosen.add(option.textValue()));
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        chosen.forEach(array::add);
        yield array;
      }
      case TEXT, DATE, SELECT -> value;
    };
  }

  private static String textProblem(JsonNode value, CustomFieldDefinition field) {
    if (!value.isTextual()) {
      return "Value must be a string";
    }
    String problem = StorableText.problemWith(value.textValue());
    if (problem != null) {
      return "Value " + problem;
    }
    if (field.maxLength() != null && value.textValue().length() > field.maxLength()) {
      return "Value must be at most " + field.maxLength() + " characters long";
    }
    return null;
  }

  private static boolean isDate(JsonNode value) {
    if (!value.isTextual()) {
      return false;
    }
    try {
      LocalDate.parse(value.textValue(), DATE_FORMAT);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static Boolean asBoolean(JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()
        && (value.textValue().equalsIgnoreCase("true")
            || value.textValue().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(value.textValue());
    }
    return null;
  }

  private static String multiSelectProblem(JsonNode value, CustomFieldDefinition field) {
    if (!value.isArray()) {
      return "Value must be an array of options from " + field.options();
    }
    for (JsonNode option : value) {
      if (!option.isTextual() || !field.options().contains(option.textValue())) {
        return "Every value must be one of " + field.options();
      }
    }
    return null;
  }
}
