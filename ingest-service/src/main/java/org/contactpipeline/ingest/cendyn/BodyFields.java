package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.contactpipeline.schemas.StorableText;

/**
 * Typed access to the members of one JSON object of a Cendyn request. A member that is absent or
 * JSON {@code null} reads as {@code null} ("not given"); a member of the wrong type or value is
 * refused with a 422 naming it by its path ({@code list_subscriptions[0].list_id}).
 */
final class BodyFields {

  private static final int MIN_YEAR = 1;
  private static final int MAX_YEAR = 9999;

  private final ObjectNode object;
  private final String prefix;

  BodyFields(ObjectNode object, String prefix) {
    this.object = object;
    this.prefix = prefix;
  }

  /** The member's path in the request, for error messages. */
  String path(String name) {
    return prefix + name;
  }

  /** The member's value, or {@code null} when it is absent or JSON null. */
  JsonNode value(String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? null : value;
  }

  String text(String name) {
    JsonNode value = value(name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(name, "must be a string");
    }
    String problem = StorableText.problemWith(value.textValue());
    if (problem != null) {
      throw invalid(name, problem);
    }
    return value.textValue();
  }

  /** A string that, when given, holds more than white space. */
  String nonBlankText(String name) {
    String text = text(name);
    if (text != null && text.isBlank()) {
      throw invalid(name, "must not be blank (leave it out when there is no value)");
    }
    return text;
  }

  Boolean bool(String name) {
    JsonNode value = value(name);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw invalid(name, "must be true or false");
    }
    return value.booleanValue();
  }

  /** A whole number of at least 0. */
  Long count(String name) {
    JsonNode value = value(name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw invalid(name, "must be a whole number of at least 0, was " + value);
    }
    return value.longValue();
  }

  /** A number within {@code [min, max]}. */
  Double number(String name, double min, double max) {
    JsonNode value = value(name);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()
        || !Double.isFinite(value.doubleValue())
        || value.doubleValue() < min
        || value.doubleValue() > max) {
      throw invalid(
          name, "must be a number from " + (long) min + " to " + (long) max + ", was " + value);
    }
    return value.doubleValue();
  }

  /**
   * An ISO-8601 date-time with its offset ({@code 1990-01-01T00:00:00Z}, {@code ...+02:00}), or an
   * ISO-8601 calendar date taken as midnight UTC. A date-time without an offset is refused: which
   * instant it means would be a guess.
   */
  Instant timestamp(String name) {
    String text = text(name);
    if (text == null) {
      return null;
    }
    Instant instant = parseTimestamp(text);
    if (instant == null) {
      throw invalid(
          name,
          "must be an ISO-8601 date-time with a zone such as 1990-01-01T00:00:00Z"
              + " (or a date such as 1990-01-01), was '"
              + text
              + "'");
    }
    int year = instant.atOffset(ZoneOffset.UTC).getYear();
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw invalid(
          name, "must be in the years " + MIN_YEAR + " to " + MAX_YEAR + ", was '" + text + "'");
    }
    return instant;
  }

  private static Instant parseTimestamp(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException notADateTime) {
      try {
        return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  /** An array of strings that are not blank. */
  List<String> texts(String name) {
    ArrayNode array = array(name);
    if (array == null) {
      return null;
    }
    List<String> texts = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String itemPath = name + "[" + i + "]";
      if (!item.isTextual() || item.textValue().isBlank()) {
        throw invalid(itemPath, "must be a string that is not blank");
      }
      String problem = StorableText.problemWith(item.textValue());
      if (problem != null) {
        throw invalid(itemPath, problem);
      }
      texts.add(item.textValue());
    }
    return texts;
  }

  ArrayNode array(String name) {
    JsonNode value = value(name);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      throw invalid(name, "must be an array");
    }
    return (ArrayNode) value;
  }

  ObjectNode object(String name) {
    JsonNode value = value(name);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      throw invalid(name, "must be a JSON object");
    }
    return (ObjectNode) value;
  }

  /** Refuses any member not in {@code known}: inside a documented object a stray key is a typo. */
  void refuseMembersOtherThan(List<String> known) {
    object
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                throw CendynRejection.unprocessable(
                    path(name) + " is not a known parameter; known are " + known);
              }
            });
  }

  CendynRejection invalid(String name, String problem) {
    return CendynRejection.unprocessable(path(name) + " " + problem);
  }
}
