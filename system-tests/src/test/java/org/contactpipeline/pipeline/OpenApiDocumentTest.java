package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document ingest-service serves, checked without a stack: valid against the OpenAPI
 * Initiative's schema for 3.1 documents, every Schema Object a valid JSON Schema 2020-12 using only
 * keywords a validator knows (a misspelt keyword would silently check nothing), every reference
 * resolving, and every answer's object schema closed, so an answer with a member the document does
 * not name fails {@link OpenApiContract}'s check in the integration tests.
 */
class OpenApiDocumentTest {

  /** The vendored schema's $id; the file beside it says where it comes from. */
  private static final String OAS_31_SCHEMA = "https://spec.openapis.org/oas/3.1/schema/2025-11-23";

  private static final String OAS_31_RESOURCE = "/openapi/oas-3.1-schema-2025-11-23.json";
  private static final String JSON_SCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema";

  /**
   * JSON Schema 2020-12's keywords and the OpenAPI 3.1 dialect's (discriminator, xml, externalDocs,
   * example).
   */
  private static final Set<String> KEYWORDS =
      Set.of(
          "$schema",
          "$id",
          "$ref",
          "$defs",
          "$anchor",
          "$dynamicRef",
          "$dynamicAnchor",
          "$comment",
          "type",
          "enum",
          "const",
          "properties",
          "additionalProperties",
          "patternProperties",
          "propertyNames",
          "required",
          "items",
          "prefixItems",
          "contains",
          "minItems",
          "maxItems",
          "uniqueItems",
          "minLength",
          "maxLength",
          "pattern",
          "format",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
          "allOf",
          "anyOf",
          "oneOf",
          "not",
          "if",
          "then",
          "else",
          "unevaluatedProperties",
          "unevaluatedItems",
          "dependentRequired",
          "dependentSchemas",
          "title",
          "description",
          "default",
          "examples",
          "example",
          "deprecated",
          "readOnly",
          "writeOnly",
          "discriminator",
          "xml",
          "externalDocs");

  /**
   * Keywords whose value is a map of names to schemas, and those whose value is a schema or a list
   * of them.
   */
  private static final Set<String> SCHEMA_MAPS =
      Set.of("properties", "$defs", "patternProperties", "dependentSchemas");

  private static final Set<String> SUBSCHEMAS =
      Set.of(
          "items",
          "additionalProperties",
          "allOf",
          "anyOf",
          "oneOf",
          "not",
          "prefixItems",
          "contains",
          "if",
          "then",
          "else",
          "propertyNames",
          "unevaluatedProperties",
          "unevaluatedItems");

  private final OpenApiContract contract = OpenApiContract.get();
  private final JsonNode document = contract.document();

  @Test
  void shouldBeAValidOpenApi31Document() throws IOException {
    String metaSchema;
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(OAS_31_RESOURCE)) {
      metaSchema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Schema schema =
        SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(OAS_31_SCHEMA, metaSchema)))
            .getSchema(SchemaLocation.of(OAS_31_SCHEMA));
    assertThat(messages(schema.validate(document))).isEmpty();
    assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
  }

  @Test
  void shouldRefuseADocumentThatBreaksTheOpenApiSchema() throws IOException {
    String metaSchema;
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(OAS_31_RESOURCE)) {
      metaSchema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Schema schema =
        SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(OAS_31_SCHEMA, metaSchema)))
            .getSchema(SchemaLocation.of(OAS_31_SCHEMA));
    JsonNode broken = document.deepCopy();
    // A response without its required description, and a parameter in a place that does not exist.
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            broken.at("/paths/~1contacts~1v1~1establish/post/responses/200"))
        .remove("description");
    ((com.fasterxml.jackson.databind.node.ObjectNode)
            broken.at("/paths/~1contacts~1v1~1contacts~1{reference}/get" + "/parameters/0"))
        .put("in", "body");
    assertThat(messages(schema.validate(broken))).isNotEmpty();
  }

  @Test
  void shouldMakeEverySchemaAValidJsonSchemaWithKnownKeywordsOnly() {
    Schema metaSchema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of(JSON_SCHEMA_2020_12));
    List<String> problems = new ArrayList<>();
    forEachSchemaObject(
        (at, schema) -> {
          messages(metaSchema.validate(schema))
              .forEach(message -> problems.add(at + ": " + message));
          unknownKeywords(schema, at, problems);
        });
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldResolveEveryReferenceAndSecurityScheme() {
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    assertThat(refs).isNotEmpty();
    refs.forEach(ref -> assertThat(ref).startsWith("#/"));
    refs.forEach(
        ref -> assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    JsonNode schemes = document.path("components").path("securitySchemes");
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation -> {
                          String name =
                              operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                          assertThat(operation.getValue().path("operationId").asText())
                              .as(name)
                              .isNotBlank();
                          operation
                              .getValue()
                              .path("security")
                              .forEach(
                                  requirement ->
                                      requirement
                                          .fieldNames()
                                          .forEachRemaining(
                                              scheme ->
                                                  assertThat(schemes.has(scheme))
                                                      .as(name + " " + scheme)
                                                      .isTrue()));
                        }));
  }

  @Test
  void shouldCloseEveryObjectAnAnswerCanHold() {
    List<String> open = new ArrayList<>();
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation ->
                            operation
                                .getValue()
                                .path("responses")
                                .properties()
                                .forEach(
                                    response -> {
                                      String at =
                                          operation.getKey()
                                              + " "
                                              + path.getKey()
                                              + " "
                                              + response.getKey();
                                      JsonNode schema =
                                          response
                                              .getValue()
                                              .path("content")
                                              .path("application/json")
                                              .path("schema");
                                      assertThat(schema.isMissingNode())
                                          .as(at + " has a JSON schema")
                                          .isFalse();
                                      openObjects(schema, at, new java.util.HashSet<>(), open);
                                    })));
    assertThat(open).isEmpty();
  }

  @Test
  void shouldFindTheOperationOfARequestPath() {
    assertThat(contract.template("/contacts/v1/contacts/key:a%40b?x=1"))
        .hasValue("/contacts/v1/contacts/{reference}");
    assertThat(contract.template("/v2/account/demo/contact"))
        .hasValue("/v2/account/{account_id}/contact/");
    assertThat(contract.template("/api/1.0/contact?action=getContact"))
        .hasValue("/api/1.0/contact");
    assertThat(contract.template("/contacts/v1/contacts/actions/delete?type=keys"))
        .hasValue("/contacts/v1/contacts/actions/delete");
    assertThat(contract.template("/health")).isEmpty();
  }

  @Test
  void shouldRefuseAnAnswerWithAMemberTheDocumentDoesNotName() throws IOException {
    JsonNode answer = Api.JSON.readTree("{\"success\": true, \"id\": 5, \"extra\": 1}");
    assertThat(
            contract.violations("POST", "/api/1.0/contact?action=addOrUpdateContact", 200, answer))
        .isNotEmpty();
    JsonNode fine = Api.JSON.readTree("{\"success\": true, \"id\": 5}");
    assertThat(contract.violations("POST", "/api/1.0/contact?action=addOrUpdateContact", 200, fine))
        .isEmpty();
    assertThat(contract.violations("POST", "/api/1.0/contact", 418, fine)).isNotEmpty();
  }

  /**
   * Object schemas reachable from an answer that do not say which members they allow. Cendyn's
   * contact is open on purpose (custom fields by name) and says so with a described schema.
   */
  private void openObjects(JsonNode schema, String at, Set<String> seen, List<String> open) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      if (seen.add(ref)) {
        openObjects(document.at(ref.substring(1)), at + " → " + ref, seen, open);
      }
      return;
    }
    boolean object = schema.path("type").asText().equals("object") || schema.has("properties");
    JsonNode additional = schema.path("additionalProperties");
    if (object
        && !(additional.isBoolean() && !additional.asBoolean())
        && !(additional.isObject() && additional.has("description"))) {
      open.add(at);
    }
    schema.path("properties").forEach(child -> openObjects(child, at, seen, open));
    for (String keyword : List.of("items", "oneOf", "anyOf", "allOf")) {
      JsonNode sub = schema.path(keyword);
      if (sub.isArray()) {
        sub.forEach(child -> openObjects(child, at, seen, open));
      } else if (sub.isObject()) {
        openObjects(sub, at, seen, open);
      }
    }
  }

  /**
   * Every Schema Object of the document: components, parameters, request and response media types,
   * headers.
   */
  private void forEachSchemaObject(BiConsumer<String, JsonNode> action) {
    document
        .path("components")
        .path("schemas")
        .properties()
        .forEach(
            schema -> action.accept("#/components/schemas/" + schema.getKey(), schema.getValue()));
    walkForSchemas(document.path("paths"), "#/paths", action);
  }

  private static void walkForSchemas(
      JsonNode node, String at, BiConsumer<String, JsonNode> action) {
    node.properties()
        .forEach(
            field -> {
              if (field.getKey().equals("schema") && field.getValue().isObject()) {
                action.accept(at + "/schema", field.getValue());
              } else if (field.getValue().isContainerNode()) {
                walkForSchemas(field.getValue(), at + "/" + field.getKey(), action);
              }
            });
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walkForSchemas(node.get(i), at + "/" + i, action);
      }
    }
  }

  private static void unknownKeywords(JsonNode schema, String at, List<String> problems) {
    if (!schema.isObject()) {
      return;
    }
    schema
        .properties()
        .forEach(
            field -> {
              String keyword = field.getKey();
              if (!KEYWORDS.contains(keyword)) {
                problems.add(at + ": unknown schema keyword " + keyword);
              } else if (SCHEMA_MAPS.contains(keyword)) {
                field
                    .getValue()
                    .properties()
                    .forEach(
                        child ->
                            unknownKeywords(
                                child.getValue(),
                                at + "/" + keyword + "/" + child.getKey(),
                                problems));
              } else if (SUBSCHEMAS.contains(keyword)) {
                if (field.getValue().isArray()) {
                  for (int i = 0; i < field.getValue().size(); i++) {
                    unknownKeywords(
                        field.getValue().get(i), at + "/" + keyword + "/" + i, problems);
                  }
                } else {
                  unknownKeywords(field.getValue(), at + "/" + keyword, problems);
                }
              }
            });
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              field -> {
                if (field.getKey().equals("$ref")) {
                  refs.add(field.getValue().asText());
                } else {
                  collectRefs(field.getValue(), refs);
                }
              });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }

  private static List<String> messages(List<Error> errors) {
    return errors.stream()
        .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
        .toList();
  }
}
