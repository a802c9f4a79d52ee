package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.Map;
import org.contactpipeline.ingest.http.BodyText;
import org.contactpipeline.ingest.http.JsonBodies;
import org.contactpipeline.schemas.StorableText;

/**
 * The parameters of one iVvy call (the JSON body, or an object inside it), read the way iVvy
 * validates them: names match in any case (the vendor's own reference spells {@code LastName}), a
 * parameter given twice (in one spelling or two) does not validate, an absent parameter and an
 * explicit {@code null} can be told apart, and every read that fails throws the {@link
 * IvvyRejection} naming the parameter's path.
 */
final class Params {

  private final ObjectNode node;
  private final String prefix;

  private Params(ObjectNode node, String prefix) {
    this.node = node;
    this.prefix = prefix;
  }

  /** The body of a call; an empty body has no parameters. */
  static Params parse(ObjectMapper json, Context ctx) {
    JsonNode tree;
    try {
      String body = BodyText.of(ctx);
      if (body.isBlank()) {
        return new Params(JsonNodeFactory.instance.objectNode(), "");
      }
      tree = JsonBodies.parse(json, body);
    } catch (JsonBodies.Unreadable e) {
      throw e.duplicatedMember() != null
          ? IvvyRejection.invalid(e.duplicatedMember(), "Value is given more than once")
          : IvvyRejection.unreadableBody(e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw IvvyRejection.unreadableBody(
          "found " + (tree == null ? "nothing" : tree.getNodeType()) + " instead");
    }
    return new Params((ObjectNode) tree, "");
  }

  /** The parameters of a body already read into a JSON object (an imported row). */
  static Params of(ObjectNode body) {
    return new Params(body, "");
  }

  /** The object held by parameter {@code path}, read as parameters named below that path. */
  static Params nested(JsonNode object, String path) {
    return new Params((ObjectNode) object, path + ".");
  }

  /** The full name of a parameter as messages show it, e.g. {@code externalUrls[0].ref}. */
  String path(String name) {
    return prefix + name;
  }

  /**
   * The raw value: null when absent, a null node when given as {@code null}. Two spellings of the
   * name ({@code lastName} and {@code LastName}) are one parameter given twice: refused with 23016.
   */
  JsonNode raw(String name) {
    Map.Entry<String, JsonNode> found = null;
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        if (found != null) {
          throw IvvyRejection.invalid(
              path(name),
              "Value is given more than once, as '"
                  + found.getKey()
                  + "' and '"
                  + field.getKey()
                  + "'");
        }
        found = field;
      }
    }
    return found == null ? null : found.getValue();
  }

  boolean isAbsent(String name) {
    return raw(name) == null;
  }

  /** Every parameter name as given, for refusing ones that are not understood. */
  Iterator<String> names() {
    return node.fieldNames();
  }

  /**
   * A text parameter: null when unset (refused with 23017 when {@code required}); a non-string, or
   * text PostgreSQL cannot store, is refused with 23016. A blank required text counts as missing.
   */
  String text(String name, boolean required) {
    JsonNode value = raw(name);
    if (value == null || value.isNull()) {
      if (required) {
        throw IvvyRejection.missing(path(name));
      }
      return null;
    }
    if (!value.isTextual()) {
      throw IvvyRejection.invalid(path(name), "Value must be a string");
    }
    String text = value.textValue();
    if (required && text.isBlank()) {
      throw IvvyRejection.missing(path(name));
    }
    String problem = StorableText.problemWith(text);
    if (problem != null) {
      throw IvvyRejection.invalid(path(name), "Value " + problem);
    }
    return text;
  }

  /**
   * A whole number parameter, given as a JSON integer or as a string of digits (iVvy's own
   * responses send ids as strings); null when unset or when given as an empty string.
   */
  Long wholeNumber(String name) {
    JsonNode value = raw(name);
    if (value == null || value.isNull() || value.isTextual() && value.textValue().isEmpty()) {
      return null;
    }
    Long number = wholeNumberOf(value);
    if (number == null) {
      throw IvvyRejection.invalid(path(name), "Value must be a whole number");
    }
    return number;
  }

  /** A boolean parameter ({@code true}/{@code false}, also as strings); null when unset. */
  Boolean bool(String name) {
    JsonNode value = raw(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual()
        && (value.textValue().equalsIgnoreCase("true")
            || value.textValue().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(value.textValue());
    }
    throw IvvyRejection.invalid(path(name), "Value must be a boolean");
  }

  /** The number a JSON value holds when it is a whole number that fits a long, else null. */
  static Long wholeNumberOf(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isTextual() && value.textValue().matches("-?[0-9]{1,18}")) {
      return Long.parseLong(value.textValue());
    }
    return null;
  }
}
