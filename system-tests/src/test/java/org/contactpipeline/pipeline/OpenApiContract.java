package org.contactpipeline.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.contactpipeline.ingest.http.ApiDocs;

/**
 * The OpenAPI document as a contract for real answers: finds the operation a request hit (path
 * template and method), the response declared for the status, and validates the body against its
 * schema with a real JSON Schema validator (networknt, OpenAPI 3.1's dialect), references into
 * {@code components} included. {@link Api} runs every answer any integration test receives through
 * {@link #requireConforms}, so an answer the document does not describe fails the test that met it.
 */
final class OpenApiContract {

  /**
   * Where the document is registered for the validator; {@code #/components/...} references resolve
   * against it.
   */
  private static final String DOCUMENT_URI = "https://contact-pipeline.test/openapi.json";

  private static final OpenApiContract INSTANCE = new OpenApiContract(readDocument());

  private final String text;
  private final JsonNode document;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final Map<String, Long> checked = new ConcurrentHashMap<>();

  private OpenApiContract(String text) {
    this.text = text;
    try {
      this.document = Api.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.registry =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(DOCUMENT_URI, text)));
  }

  /** The document ingest-service ships and serves at /openapi.json. */
  static OpenApiContract get() {
    return INSTANCE;
  }

  JsonNode document() {
    return document;
  }

  String text() {
    return text;
  }

  /**
   * Throws unless the answer conforms; answers to paths or methods the document does not describe
   * pass untouched.
   */
  void requireConforms(String method, String pathAndQuery, int status, JsonNode body) {
    List<String> violations = violations(method, pathAndQuery, status, body);
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "the OpenAPI document does not describe the answer to "
              + method
              + " "
              + pathAndQuery
              + " ("
              + status
              + " "
              + body
              + "): "
              + violations);
    }
  }

  /**
   * Every way the answer breaks the document; empty when it conforms or the document does not cover
   * the request.
   */
  List<String> violations(String method, String pathAndQuery, int status, JsonNode body) {
    Optional<String> template = template(pathAndQuery);
    String verb = method.toLowerCase(Locale.ROOT);
    if (template.isEmpty() || !document.path("paths").path(template.get()).has(verb)) {
      return List.of();
    }
    JsonNode responses = document.path("paths").path(template.get()).path(verb).path("responses");
    String statusKey = Integer.toString(status);
    if (!responses.has(statusKey)) {
      return List.of("status " + status + " is not declared for " + verb + " " + template.get());
    }
    checked.merge(verb + " " + template.get() + " " + statusKey, 1L, Long::sum);
    JsonNode content = responses.path(statusKey).path("content");
    if (content.isMissingNode()) {
      return body == null ? List.of() : List.of("a body where the document declares none: " + body);
    }
    if (body == null) {
      return List.of("no body where the document declares " + content.fieldNames().next());
    }
    String pointer =
        "/paths/"
            + escape(template.get())
            + "/"
            + verb
            + "/responses/"
            + statusKey
            + "/content/application~1json/schema";
    List<String> found = new ArrayList<>();
    for (Error error : schema(pointer).validate(body)) {
      found.add(error.getInstanceLocation() + ": " + error.getMessage());
    }
    return found;
  }

  /**
   * How many answers were checked per {@code method template status}, for a test that wants every
   * operation covered.
   */
  Map<String, Long> checkedAnswers() {
    return Map.copyOf(checked);
  }

  /**
   * The document's path template that a request path falls under (Javalin ignores a trailing slash,
   * so does this).
   */
  Optional<String> template(String pathAndQuery) {
    String path = trimSlash(pathAndQuery.replaceFirst("[?#].*", ""));
    for (Iterator<String> templates = document.path("paths").fieldNames(); templates.hasNext(); ) {
      String template = templates.next();
      String regex = Pattern.quote(trimSlash(template)).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      if (path.matches(regex)) {
        return Optional.of(template);
      }
    }
    return Optional.empty();
  }

  private Schema schema(String pointer) {
    return schemas.computeIfAbsent(
        pointer, at -> registry.getSchema(SchemaLocation.of(DOCUMENT_URI + "#" + at)));
  }

  private static String trimSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** JSON Pointer escaping of one reference token (RFC 6901). */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String readDocument() {
    try (InputStream in = ApiDocs.class.getResourceAsStream(ApiDocs.DOCUMENT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            ApiDocs.DOCUMENT_RESOURCE + " is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
