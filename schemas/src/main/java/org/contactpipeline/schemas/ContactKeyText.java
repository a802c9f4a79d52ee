package org.contactpipeline.schemas;

/**
 * What a contact key may contain: {@link StorableText}, and no control character at all. Keys land
 * in PostgreSQL {@code TEXT} like any text, and are also matched, shown in paths and error
 * messages, and compared across APIs, where a line break or a tab would make two keys look alike.
 */
public final class ContactKeyText {

  private ContactKeyText() {}

  /** Why this key cannot be used, or {@code null} when it can. */
  public static String problemWith(String key) {
    return StorableText.problemWith(
        key,
        c ->
            Character.isISOControl(c)
                ? "the control character U+" + String.format("%04X", c)
                : null);
  }
}
