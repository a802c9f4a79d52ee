package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Text that can travel through the pipeline unchanged. Avro writes UTF-8, which has no form for
 * an unpaired surrogate (it would come out as {@code ?}), and PostgreSQL refuses the NUL
 * character in text and JSON alike: a contact carrying either would be dead-lettered by the sink
 * after the API had already answered 201, so both are refused at the door. Other control
 * characters (a line break in {@code full_address}) are fine.
 */
final class StoredText {

  private StoredText() {
  }

  /** Why {@code text} cannot be stored, or {@code null} when it can. */
  static String problemWith(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an unpaired UTF-16 surrogate at position " + i;
      } else if (c == '\u0000') {
        return "contains the NUL character at position " + i;
      }
    }
    return null;
  }

  /** The first problem in any string or member name within {@code value}, or {@code null}. */
  static String problemWithin(JsonNode value) {
    if (value.isTextual()) {
      return problemWith(value.textValue());
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        String problem = problemWith(member.getKey());
        if (problem == null) {
          problem = problemWithin(member.getValue());
        }
        if (problem != null) {
          return problem;
        }
      }
    }
    if (value.isArray()) {
      for (JsonNode item : value) {
        String problem = problemWithin(item);
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }
}
