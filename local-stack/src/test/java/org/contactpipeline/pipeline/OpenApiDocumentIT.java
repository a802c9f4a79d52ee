package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.contactpipeline.stack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OpenAPI document the stack serves is well formed, and the answers the real stack gives
 * (successes, refusals, each vendor's error shape) conform to the schemas it declares for them,
 * so the description cannot drift from the code. Swagger UI is served over it at /docs.
 */
class OpenApiDocumentIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LocalStack stack;
  private static Api api;
  private static JsonNode document;
  private static OpenApiSchemas schemas;

  @BeforeAll
  static void readDocument() throws Exception {
    stack = TestStack.get();
    api = new Api(stack.httpUrl(), "demo-token");
    HttpResponse<String> served = get("/openapi.json");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("application/json"));
    document = Api.JSON.readTree(served.body());
    schemas = new OpenApiSchemas(document);
  }

  @Test
  @Timeout(30)
  void shouldBeAnOpenApi31DocumentWhoseEveryReferenceAndSecuritySchemeResolves() {
    assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
    assertThat(document.path("info").path("title").asText()).isNotBlank();
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    assertThat(refs).isNotEmpty();
    refs.forEach(schemas::resolve);
    JsonNode securitySchemes = document.path("components").path("securitySchemes");
    document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
      String name = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
      assertThat(operation.getValue().path("responses").size()).as(name).isPositive();
      assertThat(operation.getValue().path("operationId").asText()).as(name).isNotBlank();
      operation.getValue().path("security").forEach(requirement -> requirement.fieldNames()
          .forEachRemaining(scheme -> assertThat(securitySchemes.has(scheme)).as(name + " " + scheme).isTrue()));
    }));
  }

  @Test
  @Timeout(60)
  void shouldDescribeMarketingCloudAnswersExactly() throws Exception {
    String key = "openapi-" + UUID.randomUUID();
    Api readOnly = new Api(stack.httpUrl(), VendorAuthenticationIT.login(VendorAuthenticationIT.baseUrl(stack),
        Credentials.READER_CLIENT, Credentials.READER_SECRET, org.contactpipeline.stack.StackConfig.DEMO_MID)
        .get("access_token").asText());
    conforms("/contacts/v1/establish", "post", readOnly.establish(Api.jsonKeys(List.of(key))), 403);
    conforms("/contacts/v1/attributeSetDefinitions", "get", readOnly.get("/contacts/v1/attributeSetDefinitions"), 200);
    conforms("/contacts/v1/establish", "post", api.establish(Api.jsonKeys(List.of(key))), 200);
    conforms("/contacts/v1/establish", "post", api.establish("{\"contactKeys\": []}"), 400);
    conforms("/contacts/v1/establish", "post",
        api.send("POST", "/contacts/v1/establish", "Bearer wrong", Api.jsonKeys(List.of(key))), 401);
    String demographicsOnly = "{\"contactKey\": \"" + key + "\", \"attributeSets\": [{\"name\": \"Email Demographics\", "
        + "\"items\": [{\"values\": [{\"name\": \"Last Name\", \"value\": \"Doc\"}]}]}]}";
    conforms("/contacts/v1/contacts", "post", api.post("/contacts/v1/contacts", demographicsOnly), 400);
    conforms("/contacts/v1/contacts", "post", api.post("/contacts/v1/contacts", "{\"contactKey\": \"" + key
        + "\", \"attributeSets\": [{\"name\": \"Email Addresses\", \"items\": [{\"values\": [{\"name\": "
        + "\"Email Address\", \"value\": \"" + key + "@example.com\"}, {\"name\": \"HTML Enabled\", \"value\": true}]}]}]}"),
        200);
  }

  @Test
  @Timeout(60)
  void shouldDescribeIvvyAnswersExactly() {
    String email = "openapi-" + UUID.randomUUID() + "@example.com";
    String path = "/api/1.0/contact?action=addOrUpdateContact";
    conforms("/api/1.0/contact", "post", api.post(path, "{\"firstName\": \"Open\", \"lastName\": \"Api\", \"email\": \""
        + email + "\"}"), 200);
    conforms("/api/1.0/contact", "post", api.post(path, "{\"firstName\": \"Open\", \"email\": \"not an email\"}"), 400);
    conforms("/api/1.0/contact", "post", api.send("POST", path, "Bearer wrong", "{}"), 401);
  }

  @Test
  @Timeout(60)
  void shouldDescribeCendynAnswersExactly() {
    String path = "/v2/account/demo/contact/";
    String template = "/v2/account/{account_id}/contact/";
    conforms(template, "post", api.cendyn("POST", path, "{\"email\": \"openapi-" + UUID.randomUUID()
        + "@example.com\", \"name_first\": \"Open\"}"), 201);
    conforms(template, "post", api.cendyn("POST", path, "{\"name_first\": \"Nobody\"}"), 422);
    conforms(template, "post", api.cendyn("POST", path, "[]"), 400);
    conforms(template, "post", api.cendyn("POST", "/v2/account/acme/contact/", "{\"email\": \"x@example.com\"}"), 403);
    conforms(template, "post", api.send("POST", path, "Token token=wrong", "{\"email\": \"x@example.com\"}"), 401);
  }

  @Test
  @Timeout(30)
  void shouldServeSwaggerUiOverTheDocument() throws Exception {
    HttpResponse<String> page = get("/docs");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("swagger-ui-bundle.js").contains("/openapi.json");
    String script = page.body().replaceAll("(?s).*src=\"([^\"]*swagger-ui-bundle\\.js)\".*", "$1");
    HttpResponse<String> bundle = get(script);
    assertThat(bundle.statusCode()).as(script).isEqualTo(200);
    assertThat(bundle.body()).contains("SwaggerUIBundle");
  }

  private static void conforms(String path, String method, Api.Reply reply, int expectedStatus) {
    assertThat(reply.status()).as("%s %s answered %s", method, path, reply.body()).isEqualTo(expectedStatus);
    JsonNode schema = schemas.responseSchema(path, method, reply.status());
    assertThat(schemas.violations(schema, reply.body())).as("%s %s %d: %s", method, path, reply.status(), reply.body())
        .isEmpty();
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
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

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(stack.httpUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
