package org.contactpipeline.ingest.marketingcloud;

import java.util.Locale;

/**
 * One attribute of an attribute set in the data model.
 *
 * @param name how requests and responses name it ({@code "Email Address"})
 * @param key its stable key ({@code "EmailAddress"}); requests may name the attribute by it too
 * @param required whether every request that gives the set must give this attribute a value
 * @param maxLength longest text value in characters (ignored for numbers and booleans)
 */
record AttributeDefinition(
    String name, String key, AttributeType type, boolean required, int maxLength) {

  static AttributeDefinition required(String name, String key, AttributeType type, int maxLength) {
    return new AttributeDefinition(name, key, type, true, maxLength);
  }

  static AttributeDefinition optional(String name, String key, AttributeType type, int maxLength) {
    return new AttributeDefinition(name, key, type, false, maxLength);
  }

  /** Whether a request's attribute name means this attribute: its name or its key, in any case. */
  boolean isNamed(String given) {
    String normalized = given.strip().toLowerCase(Locale.ROOT);
    return normalized.equals(name.toLowerCase(Locale.ROOT))
        || normalized.equals(key.toLowerCase(Locale.ROOT));
  }
}
