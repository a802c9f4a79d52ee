package org.contactpipeline.schemas;

import java.util.function.IntFunction;

/**
 * What contact data text may contain: anything that travels through the pipeline unchanged. Avro
 * writes UTF-8, which has no form for an unpaired surrogate (it would come out as {@code ?}), and
 * PostgreSQL refuses the NUL character in text and JSON alike: a contact carrying either would be
 * dead-lettered by the sink after the API had already answered, so every API refuses both at the
 * door. Other control characters (a line break in an address or a note) are data like any other.
 * Contact keys are stricter still: {@link ContactKeyText}.
 */
public final class StorableText {

  private StorableText() {}

  /** Why {@code text} cannot be stored, or {@code null} when it can. */
  public static String problemWith(String text) {
    return problemWith(text, c -> c == '\u0000' ? "the NUL character" : null);
  }

  /**
   * The first unpaired surrogate, or the first character {@code refused} describes (it answers
   * {@code null} for a character that is fine), as a problem; {@code null} when there is none.
   */
  static String problemWith(String text, IntFunction<String> refused) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an unpaired UTF-16 surrogate at position " + i;
      } else {
        String character = refused.apply(c);
        if (character != null) {
          return "contains " + character + " at position " + i;
        }
      }
    }
    return null;
  }
}
