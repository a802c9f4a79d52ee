package org.contactpipeline.ingest.marketingcloud;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * One attribute set of the data model: its attributes and the sets a request must give with it.
 *
 * @param requiredSets names of the sets that must be in the same request (Email Demographics needs
 *     Email Addresses)
 */
record AttributeSetDefinition(
    String name, String key, List<AttributeDefinition> attributes, List<String> requiredSets) {

  AttributeSetDefinition {
    attributes = List.copyOf(attributes);
    requiredSets = List.copyOf(requiredSets);
  }

  /** Whether a request's set name means this set: its name or its key, in any case. */
  boolean isNamed(String given) {
    String normalized = given.strip().toLowerCase(Locale.ROOT);
    return normalized.equals(name.toLowerCase(Locale.ROOT))
        || normalized.equals(key.toLowerCase(Locale.ROOT));
  }

  Optional<AttributeDefinition> attribute(String given) {
    return attributes.stream().filter(attribute -> attribute.isNamed(given)).findFirst();
  }

  /** A stable id, the same on every instance and after every restart. */
  UUID id() {
    return UUID.nameUUIDFromBytes(("attribute-set:" + key).getBytes(StandardCharsets.UTF_8));
  }

  UUID attributeId(AttributeDefinition attribute) {
    return UUID.nameUUIDFromBytes(
        ("attribute:" + key + "." + attribute.key()).getBytes(StandardCharsets.UTF_8));
  }
}
