package org.contactpipeline.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A kind of value that can identify a contact besides its key, named in the rules file as in the
 * vendors' APIs: Cendyn's {@code user_id}, iVvy's {@code externalId} ({@code external_id}), the
 * device id of Cendyn and Marketing Cloud.
 */
public enum IdentifierType {
  EMAIL("email"),
  PHONE("phone"),
  USER_ID("user_id"),
  EXTERNAL_ID("external_id"),
  DEVICE_ID("device_id");

  private final String configName;

  IdentifierType(String configName) {
    this.configName = configName;
  }

  /** The name the rules file and the documentation use. */
  public String configName() {
    return configName;
  }

  /** The type a rules file names; the message lists the names there are. */
  public static IdentifierType named(String name) {
    String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(type -> type.configName.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'" + name + "' is not an identifier type; the types are " + names()));
  }

  static String names() {
    return Arrays.stream(values())
        .map(IdentifierType::configName)
        .collect(Collectors.joining(", "));
  }
}
