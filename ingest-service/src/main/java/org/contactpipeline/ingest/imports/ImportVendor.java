package org.contactpipeline.ingest.imports;

import java.util.Locale;

/**
 * Whose field names an import file uses, and so which single-contact call each of its rows stands
 * for: Cendyn's create contact, iVvy's {@code addOrUpdateContact}, or Marketing Cloud's establish.
 */
public enum ImportVendor {
  CENDYN("cendyn"),
  IVVY("ivvy"),
  MARKETING_CLOUD("marketing-cloud");

  private final String cliName;

  ImportVendor(String cliName) {
    this.cliName = cliName;
  }

  /** The name on the command line ({@code --vendor marketing-cloud}). */
  public String cliName() {
    return cliName;
  }

  /** The vendor a command line names, in any case; null for none of them. */
  public static ImportVendor named(String name) {
    for (ImportVendor vendor : values()) {
      if (vendor.cliName.equals(name.toLowerCase(Locale.ROOT))) {
        return vendor;
      }
    }
    return null;
  }
}
