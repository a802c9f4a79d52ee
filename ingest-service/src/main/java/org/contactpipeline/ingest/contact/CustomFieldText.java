package org.contactpipeline.ingest.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import org.contactpipeline.schemas.StorableText;

/**
 * Custom field values as contacts hold them: whatever JSON value the API was given (iVvy's typed
 * fields, Cendyn's free-form keys), kept as its JSON text, so each API reads back the value it
 * wrote in the type it wrote it.
 */
public final class CustomFieldText {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private CustomFieldText() {}

  /** The JSON text a contact keeps for {@code value}. */
  public static String of(JsonNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON value could not be written back", e);
    }
  }

  /**
   * The first {@link StorableText} problem in any string or member name within {@code value}, or
   * {@code null}.
   */
  public static String problemWithin(JsonNode value) {
    if (value.isTextual()) {
      return StorableText.problemWith(value.textValue());
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        String problem = StorableText.problemWith(member.getKey());
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
