package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.contactpipeline.ingest.http.JsonBodies;

/**
 * Reading values out of requests the way establish does: body members and query parameters match by
 * name in any case (the vendor's examples mix {@code contactID}, {@code contactId} and {@code
 * ContactKeys}), trailing commas are tolerated, a body that is not a JSON object, or that gives a
 * member twice (in one spelling or two), is refused as {@code InvalidRequestBody}, and IDs may come
 * as JSON numbers or as strings of digits.
 */
final class RequestValues {

  private RequestValues() {}

  static ObjectNode object(ObjectMapper json, Context ctx) {
    JsonNode tree;
    try {
      tree = JsonBodies.read(json, ctx);
    } catch (JsonBodies.Unreadable e) {
      String member = e.duplicatedMember();
      throw member != null
          ? new RequestRejection(
              "InvalidRequestBody", "'" + member + "' is given twice; give it once", member)
          : new RequestRejection(
              "InvalidRequestBody",
              "the request body is not valid JSON: " + e.getMessage(),
              "body");
    }
    if (tree == null || !tree.isObject()) {
      throw new RequestRejection(
          "InvalidRequestBody", "the request body must be a JSON object", "body");
    }
    return (ObjectNode) tree;
  }

  /**
   * Refuses two spellings of one member name ({@code contactKeys} and {@code ContactKeys}) in
   * {@code object}.
   */
  static void refuseMembersGivenTwice(ObjectNode object) {
    object.fieldNames().forEachRemaining(name -> member(object, name));
  }

  /**
   * The member named {@code name} in any case; null when absent or JSON null. Two spellings of one
   * name ({@code contactKey} and {@code ContactKey}) are refused: which one was meant is unknown.
   */
  static JsonNode member(JsonNode object, String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    Map.Entry<String, JsonNode> found = null;
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().toLowerCase(Locale.ROOT).equals(wanted)) {
        if (found != null) {
          throw new RequestRejection(
              "InvalidRequestBody",
              "'"
                  + found.getKey()
                  + "' and '"
                  + field.getKey()
                  + "' name the same member; give it once",
              field.getKey());
        }
        found = field;
      }
    }
    return found == null || found.getValue().isNull() ? null : found.getValue();
  }

  /**
   * The query parameter named {@code name} in any case ({@code operationID}, {@code operationId}).
   */
  static String queryParam(Map<String, List<String>> params, String name) {
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      if (param.getKey().equalsIgnoreCase(name) && !param.getValue().isEmpty()) {
        return param.getValue().get(0);
      }
    }
    return null;
  }

  /** A positive whole number given as a JSON number or as a string of digits; null otherwise. */
  static Long positiveLong(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() > 0) {
      return node.longValue();
    }
    return node.isTextual() ? positiveLong(node.textValue()) : null;
  }

  static Long positiveLong(String text) {
    String digits = text.strip();
    if (digits.isEmpty()
        || digits.length() > 19
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    try {
      long value = Long.parseLong(digits);
      return value > 0 ? value : null;
    } catch (NumberFormatException tooLarge) {
      return null;
    }
  }

  /** A given value for an error message, cut short: the caller knows what it sent. */
  static String shown(JsonNode node) {
    String text = node.toString();
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
