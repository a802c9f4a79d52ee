package org.contactpipeline.identity;

import java.util.Locale;

/** What a write does when its identifiers belong to more than one contact. */
public enum OnConflict {
  /** The contact with the lowest ID survives; the others are merged into it for good. */
  MERGE,
  /** Nothing is written; the vendor's error names the contacts. */
  REFUSE;

  static OnConflict named(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("must be merge or refuse, was '" + name + "'");
    }
  }
}
