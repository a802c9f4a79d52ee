package org.contactpipeline.schemas;

/**
 * What a contact key may contain. Keys travel as Avro strings (UTF-8) and land in PostgreSQL
 * {@code TEXT}: an unpaired surrogate would be rewritten to {@code ?} on the way (merging two
 * keys) and a NUL byte is refused by PostgreSQL, so both are rejected at the door.
 */
public final class ContactKeyText {

  private ContactKeyText() {
  }

  /** Why this key cannot be used, or {@code null} when it can. */
  public static String problemWith(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an unpaired UTF-16 surrogate at position " + i;
      } else if (Character.isISOControl(c)) {
        return "contains the control character U+" + String.format("%04X", (int) c) + " at position " + i;
      }
    }
    return null;
  }
}
