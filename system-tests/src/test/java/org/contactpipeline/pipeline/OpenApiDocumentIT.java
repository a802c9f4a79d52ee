package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.stack.StackConfig;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The stack serves the document ingest-service ships, and every operation in it answers, on the
 * real stack, in the shapes it declares: each success and each vendor's refusals. The check itself
 * is {@link OpenApiContract}, which {@link Api} applies to every answer any integration test
 * receives; this class makes sure every operation and its main refusals are among them, and the
 * last test fails if an operation of the document went without a checked success.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiDocumentIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration MATERIALIZED = Duration.ofSeconds(30);

  private static LocalStack stack;
  private static Api api;

  @BeforeAll
  static void start() {
    stack = TestStack.get();
    api = new Api(stack.httpUrl(), "demo-token");
  }

  @Test
  @Order(1)
  @Timeout(30)
  void shouldServeTheDocumentIngestShips() throws Exception {
    HttpResponse<String> served = get("/openapi.json");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(Api.JSON.readTree(served.body())).isEqualTo(OpenApiContract.get().document());
  }

  @Test
  @Order(2)
  @Timeout(90)
  void shouldDescribeMarketingCloudAnswersExactly() throws Exception {
    String key = "openapi-" + UUID.randomUUID();
    String email = key + "@example.com";
    answered(
        api.send(
            "POST",
            "/v2/token",
            null,
            "{\"grant_type\": \"client_credentials\", \"client_id\": \""
                + StackConfig.DEMO_CLIENT_ID
                + "\", \"client_secret\": \""
                + StackConfig.DEMO_CLIENT_SECRET
                + "\", \"account_id\": "
                + StackConfig.DEMO_MID
                + "}"),
        200);
    answered(
        api.send(
            "POST", "/v2/token", null, "{\"client_id\": \"" + StackConfig.DEMO_CLIENT_ID + "\"}"),
        400);
    answered(
        api.send(
            "POST",
            "/v2/token",
            null,
            "{\"grant_type\": \"client_credentials\", \"client_id\": \""
                + StackConfig.DEMO_CLIENT_ID
                + "\", \"client_secret\": \"wrong\"}"),
        401);

    answered(api.establish(Api.jsonKeys(List.of(key))), 200);
    answered(
        api.establish("{\"contactKeys\": [\"" + key + "\"], \"includeNewContactAwareness\": true}"),
        200);
    answered(
        api.establish("{\"ContactKeys\": [\"" + key + "-ff\"], \"ReturnResults\": \"false\"}"),
        200);
    answered(api.establish("{\"contactKeys\": []}"), 400);
    answered(
        api.send("POST", "/contacts/v1/establish", "Bearer wrong", Api.jsonKeys(List.of(key))),
        401);
    // A token without the write scope: Marketing Cloud's 403.
    Api readOnly =
        new Api(
            stack.httpUrl(),
            VendorAuthenticationIT.login(
                    VendorAuthenticationIT.baseUrl(stack),
                    StackCredentials.READER_CLIENT,
                    StackCredentials.READER_SECRET,
                    StackConfig.DEMO_MID)
                .get("access_token")
                .asText());
    answered(readOnly.establish(Api.jsonKeys(List.of(key))), 403);
    answered(readOnly.get("/contacts/v1/attributeSetDefinitions"), 200);

    String demographicsOnly =
        "{\"contactKey\": \""
            + key
            + "\", \"attributeSets\": [{\"name\": \"Email Demographics\", "
            + "\"items\": [{\"values\": [{\"name\": \"Last Name\", \"value\": \"Doc\"}]}]}]}";
    answered(api.post("/contacts/v1/contacts", demographicsOnly), 400);
    String withEmail =
        "{\"contactKey\": \""
            + key
            + "\", \"attributeSets\": [{\"name\": \"Email Addresses\", "
            + "\"items\": [{\"values\": [{\"name\": \"Email Address\", \"value\": \""
            + email
            + "\"}, "
            + "{\"name\": \"HTML Enabled\", \"value\": true}]}]}]}";
    answered(api.post("/contacts/v1/contacts", withEmail), 200);
    answered(api.patch("/contacts/v1/contacts", withEmail), 200);
    answered(api.patch("/contacts/v1/contacts", withEmail.replace(key, key + "-nobody")), 404);

    Api.Reply found =
        Poll.until(
            MATERIALIZED,
            () -> api.get("/contacts/v1/contacts/key:" + key),
            reply -> reply.status() == 200);
    answered(api.get("/contacts/v1/contacts/id:" + found.body().get("contactId").asLong()), 200);
    answered(api.get("/contacts/v1/contacts/key:" + key + "-nobody"), 404);
    answered(api.get("/contacts/v1/contacts/name:" + key), 400);

    answered(
        api.post(
            "/contacts/v1/addresses/email/search",
            "{\"ChannelAddressList\": [\""
                + email.toUpperCase(Locale.ROOT)
                + "\", \"nobody-"
                + email
                + "\"], \"MaximumCount\": 5}"),
        200);
    answered(api.post("/contacts/v1/addresses/email/search", "{\"ChannelAddressList\": []}"), 400);
    answered(api.get("/contacts/v1/attributeSetDefinitions"), 200);
    answered(api.get("/contacts/v1/attributeSetDefinitions?$page=0"), 400);

    Api.Reply deleted = answered(api.deleteContacts("keys", List.of(key, key + "-nobody")), 200);
    answered(
        api.post(
            "/contacts/v1/contacts/actions/delete?type=names",
            "{\"values\": [\""
                + key
                + "\"], "
                + "\"DeleteOperationType\": \"ContactAndAttributes\"}"),
        400);
    String status = "/contacts/v1/contacts/actions/delete/status?operationID=";
    answered(api.get(status + deleted.body().get("operationID").asLong()), 200);
    answered(api.get(status + "minus-one"), 400);
    answered(api.get(status + "1"), 404);
  }

  @Test
  @Order(3)
  @Timeout(60)
  void shouldDescribeIvvyAnswersExactly() {
    String email = "openapi-" + UUID.randomUUID() + "@example.com";
    String contact = "/api/1.0/contact?action=";
    Api.Reply added =
        answered(
            api.post(
                contact + "addOrUpdateContact",
                "{\"firstName\": \"Open\", \"lastName\": "
                    + "\"Api\", \"email\": \""
                    + email
                    + "\", \"groups\": [{\"groupId\": 10}], \"externalUrls\": [{\"ref\": "
                    + "\"crm\", \"url\": \"https://crm.example.com/open\", \"label\": \"CRM\"}]}"),
            200);
    answered(
        api.post(
            contact + "addOrUpdateContact",
            "{\"firstName\": \"Open\", \"email\": \"not an email\"}"),
        400);
    answered(api.send("POST", contact + "addOrUpdateContact", "Bearer wrong", "{}"), 401);
    long id = added.body().get("id").asLong();
    Poll.until(
        MATERIALIZED,
        () -> api.post(contact + "getContact", "{\"id\": " + id + "}"),
        reply -> reply.status() == 200);
    answered(api.post(contact + "getContact", "{\"id\": " + (id + 1_000_000_000L) + "}"), 404);
    answered(api.post(contact + "getContact", "{}"), 400);
    answered(
        api.post(
            contact + "getContactList",
            "{\"perPage\": 10, \"filter\": {\"email\": \"" + email + "\"}}"),
        200);
    answered(api.post(contact + "getContactList", "{\"filter\": {\"shoeSize\": 42}}"), 400);
    answered(api.post(contact + "dance", "{}"), 404);
    String batch = "/api/1.0/batch?action=";
    Api.Reply run =
        answered(
            api.post(
                batch + "run",
                "{\"jobs\": [{\"namespace\": \"contact\", \"action\": \"getContact\","
                    + " \"params\": {\"id\": "
                    + id
                    + "}}]}"),
            200);
    String async = "{\"async\": \"" + run.body().get("asyncId").asText() + "\"}";
    answered(api.post(batch + "progress", async), 200);
    answered(api.post(batch + "restart", async), 200);
    answered(api.post(batch + "run", "{\"jobs\": []}"), 400);
    answered(
        api.post(batch + "progress", "{\"async\": \"00000000-0000-4000-8000-000000000000\"}"), 404);
  }

  @Test
  @Order(4)
  @Timeout(60)
  void shouldDescribeCendynAnswersExactly() {
    String email = "openapi-" + UUID.randomUUID() + "@example.com";
    String path = "/v2/account/demo/contact/";
    answered(
        api.cendyn(
            "POST",
            path,
            "{\"email\": \""
                + email
                + "\", \"name_first\": \"Open\", \"tags\": [\"a\"], "
                + "\"phone_countrycode\": \"44\", \"phone_number\": \"7712345678\"}"),
        201);
    answered(api.cendyn("POST", path, "{\"name_first\": \"Nobody\"}"), 422);
    answered(api.cendyn("POST", path, "[]"), 400);
    answered(
        api.cendyn("POST", "/v2/account/acme/contact/", "{\"email\": \"x@example.com\"}"), 403);
    answered(api.send("POST", path, "Token token=wrong", "{\"email\": \"x@example.com\"}"), 401);
    Poll.until(
        MATERIALIZED,
        () -> api.cendyn("GET", path + "?email=" + email, null),
        reply -> reply.status() == 200 && reply.body().size() == 1);
    answered(api.cendyn("GET", path + "?shoe_size=42", null), 400);
    Api.Reply bulk =
        answered(
            api.cendyn(
                "POST",
                path + "create_bulk",
                "{\"contacts\": [{\"email\": \"bulk-"
                    + email
                    + "\"}], \"match_contact_user_id\": true}"),
            202);
    answered(
        api.cendyn("GET", path + "create_bulk/" + bulk.body().get("bulk_id").asText(), null), 200);
    answered(api.cendyn("GET", path + "create_bulk/" + UUID.randomUUID(), null), 404);
    answered(api.cendyn("POST", path + "create_bulk", "{\"contacts\": []}"), 422);
  }

  @Test
  @Order(5)
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

  @Test
  @Order(6)
  @Timeout(10)
  void shouldHaveCheckedASuccessOfEveryOperationAgainstTheDocument() {
    Map<String, Long> checked = OpenApiContract.get().checkedAnswers();
    List<String> unchecked = new ArrayList<>();
    OpenApiContract.get()
        .document()
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method -> {
                          String operation = method + " " + path.getKey();
                          if (checked.keySet().stream()
                              .noneMatch(answer -> answer.startsWith(operation + " 2"))) {
                            unchecked.add(operation);
                          }
                        }));
    assertThat(unchecked)
        .as("operations without a checked success; checked: %s", checked)
        .isEmpty();
  }

  /** The answer had the status; {@link Api} has already checked its body against the document. */
  private static Api.Reply answered(Api.Reply reply, int expectedStatus) {
    assertThat(reply.status()).as("answered %s", reply.body()).isEqualTo(expectedStatus);
    return reply;
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(stack.httpUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
