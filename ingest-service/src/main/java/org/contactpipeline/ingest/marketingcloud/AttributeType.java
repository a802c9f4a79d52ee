package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.contactpipeline.ingest.contact.EmailAddress;

/**
 * The data types of Marketing Cloud attributes and what each accepts. A value is read from the
 * request's JSON into the one Java type it is stored as ({@code Boolean}, {@code Long} or {@code
 * String}), so the same attribute never reaches the resolver in two shapes.
 *
 * <p>Leniency follows the vendor's own examples: the seed sends {@code "HTML Enabled": true}, the
 * update example {@code "true"}, so a Boolean takes both; the seed sends numbers for text
 * attributes ({@code "Device ID": 958405948}), so text takes a number and stores its digits.
 */
enum AttributeType {
  TEXT("Text") {
    @Override
    Object read(JsonNode value) {
      if (value.isTextual()) {
        return value.textValue();
      }
      if (value.isIntegralNumber()) {
        return value.bigIntegerValue().toString();
      }
      throw new IllegalArgumentException("must be text");
    }
  },

  NUMBER("Number") {
    @Override
    Object read(JsonNode value) {
      if (value.isIntegralNumber() && value.canConvertToLong()) {
        return value.longValue();
      }
      if (value.isTextual() && WHOLE_NUMBER.matcher(value.textValue().strip()).matches()) {
        try {
          return Long.parseLong(value.textValue().strip());
        } catch (NumberFormatException tooLarge) {
          // reported below
        }
      }
      throw new IllegalArgumentException("must be a whole number");
    }
  },

  BOOLEAN("Boolean") {
    @Override
    Object read(JsonNode value) {
      if (value.isBoolean()) {
        return value.booleanValue();
      }
      if (value.isTextual()) {
        String text = value.textValue().strip().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
          return Boolean.parseBoolean(text);
        }
      }
      throw new IllegalArgumentException("must be true or false");
    }
  },

  EMAIL_ADDRESS("EmailAddress") {
    @Override
    Object read(JsonNode value) {
      if (value.isTextual() && EmailAddress.problemWith(value.textValue().strip()) == null) {
        return value.textValue().strip();
      }
      throw new IllegalArgumentException("must be a valid email address such as name@example.com");
    }
  },

  PHONE("Phone") {
    @Override
    Object read(JsonNode value) {
      String text =
          value.isTextual()
              ? value.textValue().strip()
              : value.isIntegralNumber() ? value.asText() : null;
      if (text != null && PHONE_CHARACTERS.matcher(text).matches()) {
        long digits = text.chars().filter(Character::isDigit).count();
        if (digits >= 7 && digits <= 15) {
          return text;
        }
      }
      throw new IllegalArgumentException(
          "must be a phone number of 7 to 15 digits (digits, spaces, '-', '.', "
              + "parentheses and a leading '+' allowed)");
    }
  },

  /**
   * A locale that names a country: an ISO 3166 alpha-2 code ({@code US}) or a language tag with one
   * ({@code en-US}, {@code en_US}). The seed requires "a country code for the Locale value".
   */
  LOCALE("Locale") {
    @Override
    Object read(JsonNode value) {
      if (value.isTextual() && countryOf(value.textValue()) != null) {
        return value.textValue().strip();
      }
      throw new IllegalArgumentException(
          "must hold an ISO 3166 alpha-2 country code, e.g. \"US\" or \"en-US\"");
    }
  };

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,19}");
  private static final Pattern PHONE_CHARACTERS = Pattern.compile("\\+?[0-9 ().-]+");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private final String dataTypeName;

  AttributeType(String dataTypeName) {
    this.dataTypeName = dataTypeName;
  }

  /** The name {@code GET /contacts/v1/attributeSetDefinitions} reports as {@code dataType}. */
  String dataTypeName() {
    return dataTypeName;
  }

  /**
   * The stored form of a non-null JSON value.
   *
   * @throws IllegalArgumentException saying what the value must be
   */
  abstract Object read(JsonNode value);

  /** The upper-case ISO 3166 alpha-2 country of a locale value, or null when it names none. */
  static String countryOf(String locale) {
    String[] parts = locale.strip().split("[-_]");
    String candidate =
        switch (parts.length) {
          case 1 -> parts[0];
          case 2 ->
              parts[0].length() >= 2
                      && parts[0].length() <= 3
                      && parts[0].chars().allMatch(Character::isLetter)
                  ? parts[1]
                  : null;
          default -> null;
        };
    if (candidate == null || candidate.length() != 2) {
      return null;
    }
    String country = candidate.toUpperCase(Locale.ROOT);
    return COUNTRIES.contains(country) ? country : null;
  }
}
