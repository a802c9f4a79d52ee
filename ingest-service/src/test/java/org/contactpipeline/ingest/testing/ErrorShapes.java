package org.contactpipeline.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * What an error answer of each API looks like, and what it must never say. Used by the tests that
 * send bad input, so "refused in the vendor's shape" means the same everywhere.
 */
public final class ErrorShapes {

  /** Text that shows how the server is built rather than what is wrong with the request. */
  public static final List<String> INTERNAL_NAMES =
      List.of(
          "java.",
          "javax.",
          "jakarta.",
          "com.fasterxml",
          "org.eclipse",
          "io.javalin",
          "kotlin.",
          "exception",
          "[source",
          "jsonreadfeature",
          "jsonparser.feature",
          "deserializationfeature",
          "streamreadfeature",
          "streamreadconstraints",
          "mapperfeature",
          "jsonnode",
          "org.contactpipeline",
          "stacktrace",
          "\tat ");

  private ErrorShapes() {}

  /** The vendors whose shapes differ. */
  public enum Vendor {
    MARKETING_CLOUD,
    IVVY,
    CENDYN
  }

  /**
   * Whether {@code body} is one of the vendor's error bodies: Marketing Cloud's generic {@code
   * {"message", "errorcode", "documentation"}}, its establish array, its contact {@code FAIL} body
   * or its delete body with {@code operationInitiated: false}; iVvy's {@code {"errorCode",
   * "message"}} or {@code {"success": false}}; Cendyn's {@code {"error"}}.
   */
  public static boolean isErrorOf(Vendor vendor, JsonNode body) {
    if (body == null) {
      return false;
    }
    return switch (vendor) {
      case MARKETING_CLOUD ->
          isGeneric(body)
              || isEstablishError(body)
              || body.isObject()
                  && "FAIL".equals(body.path("operationStatus").asText(null))
                  && body.path("resultMessages").isArray()
                  && !body.path("resultMessages").isEmpty()
              || body.isObject()
                  && body.path("operationInitiated").isBoolean()
                  && !body.path("operationInitiated").booleanValue()
                  && !body.path("resultMessages").isEmpty();
      case IVVY ->
          body.isObject() && body.path("errorCode").isInt() && body.path("message").isTextual()
              || body.isObject()
                  && body.path("success").isBoolean()
                  && !body.path("success").booleanValue()
                  && body.path("message").isTextual();
      case CENDYN ->
          body.isObject()
              && body.path("error").isTextual()
              && !body.path("error").asText().isBlank();
    };
  }

  /** The web server's generic JSON, for a request refused before any API could be told apart. */
  public static boolean isGeneric(JsonNode body) {
    return body != null
        && body.isObject()
        && body.path("message").isTextual()
        && body.path("errorcode").isInt()
        && body.has("documentation");
  }

  private static boolean isEstablishError(JsonNode body) {
    return body.isArray()
        && body.size() == 1
        && body.get(0).path("resultMessages").isArray()
        && !body.get(0).path("resultMessages").isEmpty()
        && body.get(0).path("items").isArray();
  }

  /** The first internal name {@code text} holds (in any case), or null. */
  public static String internalNameIn(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return INTERNAL_NAMES.stream().filter(lower::contains).findFirst().orElse(null);
  }
}
