package org.contactpipeline.identity;

import java.util.Objects;

/**
 * One identifier of a contact: its type and its normalized value ({@link ContactIdentifiers}), so
 * that two spellings of one email or one phone number are the same identifier.
 */
public record Identifier(IdentifierType type, String value) {

  public Identifier {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return type.configName() + ":" + value;
  }
}
