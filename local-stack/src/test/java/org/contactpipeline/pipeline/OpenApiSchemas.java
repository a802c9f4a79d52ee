package org.contactpipeline.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A structural JSON-schema check of real answers against the OpenAPI document: the keywords the
 * document uses ($ref, type with null, required, properties, items, enum, const, oneOf,
 * minItems, maxItems), each failing with the JSON path. Written here rather than taken from a
 * library so that a keyword the document starts using and this does not know fails loudly.
 */
final class OpenApiSchemas {

  private static final List<String> KNOWN = List.of("$ref", "type", "required", "properties", "items", "enum", "const",
      "oneOf", "minItems", "maxItems", "minLength", "maxLength", "pattern", "description", "example");

  private final JsonNode document;

  OpenApiSchemas(JsonNode document) {
    this.document = document;
  }

  /** The schema of the JSON answer of {@code method path} with {@code status}. */
  JsonNode responseSchema(String path, String method, int status) {
    JsonNode response = document.path("paths").path(path).path(method).path("responses").path(Integer.toString(status));
    if (response.isMissingNode()) {
      throw new AssertionError("the document has no " + status + " answer for " + method + " " + path);
    }
    return response.path("content").path("application/json").path("schema");
  }

  /** Every way {@code value} breaks {@code schema}; empty when it conforms. */
  List<String> violations(JsonNode schema, JsonNode value) {
    List<String> found = new ArrayList<>();
    check(schema, value, "$", found);
    return found;
  }

  JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      throw new AssertionError("only local references are used: " + ref);
    }
    JsonNode node = document;
    for (String part : ref.substring(2).split("/")) {
      node = node.path(part);
    }
    if (node.isMissingNode()) {
      throw new AssertionError("unresolved reference " + ref);
    }
    return node;
  }

  private void check(JsonNode schema, JsonNode value, String at, List<String> found) {
    schema.fieldNames().forEachRemaining(keyword -> {
      if (!KNOWN.contains(keyword)) {
        throw new AssertionError("schema keyword " + keyword + " at " + at + " is not checked here");
      }
    });
    if (schema.has("$ref")) {
      check(resolve(schema.get("$ref").asText()), value, at, found);
      return;
    }
    if (schema.has("oneOf")) {
      boolean any = false;
      for (JsonNode option : schema.get("oneOf")) {
        any |= violations(option, value).isEmpty();
      }
      if (!any) {
        found.add(at + ": matches none of oneOf");
      }
      return;
    }
    if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
      found.add(at + ": expected " + schema.get("type") + " but was " + value.getNodeType());
      return;
    }
    if (schema.has("const") && !schema.get("const").equals(value)) {
      found.add(at + ": expected " + schema.get("const") + " but was " + value);
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      found.add(at + ": " + value + " not in " + schema.get("enum"));
    }
    if (value.isObject()) {
      for (JsonNode name : schema.path("required")) {
        if (!value.has(name.asText())) {
          found.add(at + ": missing " + name.asText());
        }
      }
      schema.path("properties").fields().forEachRemaining(property -> {
        if (value.has(property.getKey())) {
          check(property.getValue(), value.get(property.getKey()), at + "." + property.getKey(), found);
        }
      });
    }
    if (value.isArray()) {
      if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
        found.add(at + ": fewer than " + schema.get("minItems") + " items");
      }
      if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
        found.add(at + ": more than " + schema.get("maxItems") + " items");
      }
      if (schema.has("items")) {
        for (int i = 0; i < value.size(); i++) {
          check(schema.get("items"), value.get(i), at + "[" + i + "]", found);
        }
      }
    }
  }

  private static boolean contains(JsonNode options, JsonNode value) {
    for (JsonNode option : options) {
      if (option.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean typeMatches(JsonNode type, JsonNode value) {
    if (type.isArray()) {
      for (JsonNode each : type) {
        if (typeMatches(each, value)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      default -> throw new AssertionError("unknown type " + type);
    };
  }
}
