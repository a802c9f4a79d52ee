package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.IngestService;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.stack.StackConfig;
import org.contactpipeline.testing.MovableClock;
import org.contactpipeline.testing.PipelineTopics;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each vendor's own login on the real stack, from login to establish to delete: Marketing Cloud's
 * client credentials (with expiry on a moved clock, secret and signing-key rotation, and tokens
 * accepted across instances), iVvy's signed requests (a replay outside the window, a body changed
 * after signing), Cendyn's account tokens, and every scheme's credentials kept to their own tenant.
 */
@Timeout(180)
class VendorAuthenticationIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String CONTACT = "/api/1.0/contact?action=";

  @Test
  void shouldLogInWithClientCredentialsThenEstablishAndDeleteWithTheToken() throws Exception {
    LocalStack stack = TestStack.get();
    String base = baseUrl(stack);
    JsonNode login =
        login(
            base, StackConfig.DEMO_CLIENT_ID, StackConfig.DEMO_CLIENT_SECRET, StackConfig.DEMO_MID);
    Api demo = new Api(base, login.get("access_token").asText());
    Api acme =
        new Api(
            base,
            login(
                    base,
                    StackCredentials.ACME_CLIENT,
                    StackCredentials.ACME_SECRET,
                    StackCredentials.ACME_MID)
                .get("access_token")
                .asText());
    String key = "oauth-" + UUID.randomUUID();

    assertThat(login.get("rest_instance_url").asText()).isEqualTo(base + "/");
    Map<String, Long> ids = demo.establishIds(List.of(key));
    assertThat(ids).containsOnlyKeys(key);
    Api.Reply mine =
        Poll.until(
            MarketingCloudContactsIT.EVENTUALLY,
            () -> demo.get("/contacts/v1/contacts/key:" + key),
            reply -> reply.status() == 200);
    Api.Reply theirs = acme.get("/contacts/v1/contacts/key:" + key);
    Api.Reply theirsById = acme.get("/contacts/v1/contacts/id:" + ids.get(key));

    assertThat(mine.status()).isEqualTo(200);
    assertThat(theirs.status()).as("another tenant's token sees nothing").isEqualTo(404);
    assertThat(theirsById.status()).isEqualTo(404);
    MarketingCloudContactsIT.deleteAndCheck(demo, "keys", List.of(key));
  }

  @Test
  void shouldRefuseATokenOnceItExpiredAndAcceptItOnEveryInstanceBefore() throws Exception {
    LocalStack stack = TestStack.get();
    MovableClock clock = MovableClock.ofSystemTime();
    try (IngestService ahead =
        new IngestService(
            IngestConfig.from(stack.services()).withInstance(0, "ingest-it-clock"),
            stack.healthChecks(),
            clock)) {
      ahead.start();
      String other = "http://127.0.0.1:" + ahead.port();
      String token =
          login(
                  baseUrl(stack),
                  StackConfig.DEMO_CLIENT_ID,
                  StackConfig.DEMO_CLIENT_SECRET,
                  StackConfig.DEMO_MID)
              .get("access_token")
              .asText();

      assertThat(
              new Api(other, token)
                  .establish(Api.jsonKeys(List.of("expiry-" + UUID.randomUUID())))
                  .status())
          .as("issued by one instance, accepted by another")
          .isEqualTo(200);
      clock.advance(Duration.ofMinutes(20));
      HttpResponse<String> expired =
          send(
              HttpRequest.newBuilder(URI.create(other + "/contacts/v1/establish"))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(Api.jsonKeys(List.of("late"))))
                  .build());

      assertThat(expired.statusCode()).isEqualTo(401);
      assertThat(expired.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(
              header ->
                  assertThat(header).startsWith("Bearer").contains("error=\"invalid_token\""));
      assertThat(
              login(
                      other,
                      StackConfig.DEMO_CLIENT_ID,
                      StackConfig.DEMO_CLIENT_SECRET,
                      StackConfig.DEMO_MID)
                  .get("access_token")
                  .asText())
          .as("logging in again works")
          .isNotEmpty();
    }
  }

  @Test
  void shouldAcceptBothSecretsAndBothSigningKeysDuringARotation() throws Exception {
    LocalStack stack = TestStack.get();
    String base = baseUrl(stack);
    String oldSecretToken =
        login(
                base,
                StackCredentials.ROTATING_CLIENT,
                StackCredentials.OLD_SECRET,
                StackConfig.DEMO_MID)
            .get("access_token")
            .asText();
    String newSecretToken =
        login(
                base,
                StackCredentials.ROTATING_CLIENT,
                StackCredentials.NEW_SECRET,
                StackConfig.DEMO_MID)
            .get("access_token")
            .asText();
    String newKey = "rotated-signing-key-for-the-test-0123456789";
    IngestConfig rotated =
        IngestConfig.from(
                stack
                    .services()
                    .with(
                        Map.of(
                            "auth.token-signing-keys",
                            newKey + "," + StackConfig.DEMO_SIGNING_KEY)))
            .withInstance(0, "ingest-it-rotated");
    try (IngestService next = new IngestService(rotated, stack.healthChecks())) {
      next.start();
      String nextUrl = "http://127.0.0.1:" + next.port();
      String newKeyToken =
          login(
                  nextUrl,
                  StackConfig.DEMO_CLIENT_ID,
                  StackConfig.DEMO_CLIENT_SECRET,
                  StackConfig.DEMO_MID)
              .get("access_token")
              .asText();

      assertThat(new Api(base, oldSecretToken).get("/contacts/v1/attributeSetDefinitions").status())
          .isEqualTo(200);
      assertThat(new Api(base, newSecretToken).get("/contacts/v1/attributeSetDefinitions").status())
          .isEqualTo(200);
      assertThat(
              new Api(nextUrl, oldSecretToken).get("/contacts/v1/attributeSetDefinitions").status())
          .as("the old key still verifies")
          .isEqualTo(200);
      assertThat(new Api(nextUrl, newKeyToken).get("/contacts/v1/attributeSetDefinitions").status())
          .isEqualTo(200);
      assertThat(new Api(base, newKeyToken).get("/contacts/v1/attributeSetDefinitions").status())
          .as("an instance without the new key refuses its tokens")
          .isEqualTo(401);
    }
  }

  @Test
  void shouldThrottleAClientAfterItsFailedLoginsInOAuthsShape() throws Exception {
    String base = baseUrl(TestStack.get());
    for (int i = 0; i < StackCredentials.FAILURES_PER_CLIENT; i++) {
      assertThat(
              loginReply(
                      base,
                      StackCredentials.GUESSED_CLIENT,
                      "guess-" + i,
                      StackCredentials.ACME_MID)
                  .statusCode())
          .isEqualTo(401);
    }

    HttpResponse<String> throttled =
        loginReply(
            base, StackCredentials.GUESSED_CLIENT, "never-guessed", StackCredentials.ACME_MID);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(Api.JSON.readTree(throttled.body()).has("access_token")).isFalse();
    assertThat(Api.JSON.readTree(throttled.body()).has("error")).isTrue();
  }

  @Test
  void shouldHoldEachTokenToItsScopesAndPublishNothingForAWriteItMayNotMake() throws Exception {
    LocalStack stack = TestStack.get();
    String base = baseUrl(stack);
    String key = "scoped-" + UUID.randomUUID();
    JsonNode reader =
        login(
            base,
            StackCredentials.READER_CLIENT,
            StackCredentials.READER_SECRET,
            StackConfig.DEMO_MID);
    Api readOnly = new Api(base, reader.get("access_token").asText());
    Api narrowed =
        new Api(
            base,
            login(
                    base,
                    StackConfig.DEMO_CLIENT_ID,
                    StackConfig.DEMO_CLIENT_SECRET,
                    StackConfig.DEMO_MID,
                    "list_and_subscribers_read")
                .get("access_token")
                .asText());
    Api writeOnly =
        new Api(
            base,
            login(
                    base,
                    StackConfig.DEMO_CLIENT_ID,
                    StackConfig.DEMO_CLIENT_SECRET,
                    StackConfig.DEMO_MID,
                    "list_and_subscribers_write")
                .get("access_token")
                .asText());
    HttpResponse<String> beyondItsScopes =
        loginReply(
            base,
            StackCredentials.READER_CLIENT,
            StackCredentials.READER_SECRET,
            StackConfig.DEMO_MID,
            "list_and_subscribers_write");

    long commandsBefore;
    try (Admin admin = Admin.create(stack.services().kafkaClientProperties())) {
      commandsBefore = PipelineTopics.commandsWritten(admin);
      List<Api.Reply> refusedWrites =
          List.of(
              readOnly.establish(Api.jsonKeys(List.of(key))),
              narrowed.establish(Api.jsonKeys(List.of(key))),
              narrowed.deleteContacts("keys", List.of(key)),
              narrowed.post(
                  "/contacts/v1/contacts",
                  "{\"contactKey\": \"" + key + "\", \"attributeSets\": []}"),
              narrowed.patch(
                  "/contacts/v1/contacts",
                  "{\"contactKey\": \"" + key + "\", \"attributeSets\": []}"));
      assertThat(refusedWrites)
          .allSatisfy(
              reply -> {
                assertThat(reply.status()).isEqualTo(403);
                assertThat(reply.body())
                    .isEqualTo(
                        Api.JSON.readTree(
                            "{\"message\": \"Insufficient privileges to complete "
                                + "this action.\", \"errorcode\": 403, \"documentation\": \"\"}"));
              });
      assertThat(PipelineTopics.commandsWritten(admin))
          .as("a refused write publishes nothing")
          .isEqualTo(commandsBefore);
    }
    assertThat(reader.get("scope").asText())
        .as("a client's configured scopes")
        .isEqualTo("list_and_subscribers_read");
    assertThat(beyondItsScopes.statusCode()).isEqualTo(400);
    assertThat(Api.JSON.readTree(beyondItsScopes.body()).get("error").asText())
        .isEqualTo("invalid_scope");
    assertThat(writeOnly.establishIds(List.of(key))).containsOnlyKeys(key);
    Poll.until(
        MarketingCloudContactsIT.EVENTUALLY,
        () -> new Api(base, "demo-token").get("/contacts/v1/contacts/key:" + key),
        reply -> reply.status() == 200);
    assertThat(readOnly.get("/contacts/v1/contacts/key:" + key).status()).isEqualTo(200);
    assertThat(
            narrowed
                .post(
                    "/contacts/v1/addresses/email/search",
                    "{\"ChannelAddressList\": [\"x@example.com\"], \"MaximumCount\": 1}")
                .status())
        .isEqualTo(200);
    assertThat(writeOnly.get("/contacts/v1/contacts/key:" + key).status())
        .as("write does not include read")
        .isEqualTo(403);
    Api.Reply deleted = writeOnly.deleteContacts("keys", List.of(key));
    assertThat(deleted.status()).as(String.valueOf(deleted.body())).isEqualTo(200);
    assertThat(
            readOnly
                .get(
                    "/contacts/v1/contacts/actions/delete/status?operationID="
                        + deleted.body().get("operationID").asLong())
                .status())
        .as("a delete's status is a read")
        .isEqualTo(200);
  }

  @Test
  void shouldAddReadAndDeleteThroughIvvySignedRequestsAndRefuseTamperedOnes() throws Exception {
    LocalStack stack = TestStack.get();
    String base = baseUrl(stack);
    IvvyDocumentedSigner demo =
        new IvvyDocumentedSigner(StackConfig.DEMO_IVVY_KEY, StackConfig.DEMO_IVVY_SECRET);
    IvvyDocumentedSigner acme =
        new IvvyDocumentedSigner(StackCredentials.ACME_IVVY_KEY, StackCredentials.ACME_IVVY_SECRET);
    String email = "signed-" + UUID.randomUUID() + "@example.com";
    String add = "{\"firstName\":\"Sig\",\"lastName\":\"Ned\",\"email\":\"" + email + "\"}";

    HttpResponse<String> added =
        send(demo.post(base, CONTACT + "addOrUpdateContact", add, Instant.now()));
    assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
    long id = Api.JSON.readTree(added.body()).get("id").asLong();
    String get = "{\"id\":" + id + "}";
    HttpResponse<String> found =
        Poll.until(
            MarketingCloudContactsIT.EVENTUALLY,
            () -> send(demo.post(base, CONTACT + "getContact", get, Instant.now())),
            reply -> reply.statusCode() == 200);
    HttpResponse<String> otherTenant =
        send(acme.post(base, CONTACT + "getContact", get, Instant.now()));
    HttpResponse<String> replayed =
        send(
            demo.post(
                base, CONTACT + "getContact", get, Instant.now().minus(Duration.ofMinutes(6))));
    HttpResponse<String> altered =
        send(
            demo.signedOver(
                base, CONTACT + "getContact", get, "{\"id\":" + (id + 1) + "}", Instant.now()));

    assertThat(found.body()).contains(email);
    assertThat(otherTenant.statusCode()).isEqualTo(404);
    assertThat(Api.JSON.readTree(replayed.body()))
        .isEqualTo(
            Api.JSON.readTree(
                "{\"errorCode\": 401, \"message\": \"Request is stale\", \"specificCode\": 23005}"));
    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(altered.statusCode()).isEqualTo(401);
    assertThat(Api.JSON.readTree(altered.body()).get("errorCode").asInt()).isEqualTo(401);
    MarketingCloudContactsIT.deleteAndCheck(new Api(base, "demo-token"), "ids", List.of(id));
  }

  @Test
  void shouldCreateWithCendynAccountTokensAndKeepEachAccountToItsOwn() {
    String base = baseUrl(TestStack.get());
    String body =
        "{\"name_first\":\"Cen\",\"name_last\":\"Dyn\",\"email\":\"cendyn-"
            + UUID.randomUUID()
            + "@example.com\"}";

    Api.Reply created =
        new Api(base, null)
            .send(
                "POST",
                "/v2/account/demo/contact/",
                "Token token=" + StackConfig.DEMO_CENDYN_TOKEN,
                body);
    Api.Reply otherAccount =
        new Api(base, null)
            .send(
                "POST",
                "/v2/account/demo/contact/",
                "Token token=" + StackCredentials.ACME_CENDYN_TOKEN,
                body);
    Api.Reply unknown =
        new Api(base, null).send("POST", "/v2/account/demo/contact/", "Token token=guess", body);

    assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
    assertThat(otherAccount.status()).isEqualTo(403);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.body().get("error").asText()).startsWith("Not Authorized");
  }

  static String baseUrl(LocalStack stack) {
    return stack.httpUrl().replace("localhost", "127.0.0.1");
  }

  static JsonNode login(String base, String clientId, String secret, String mid) throws Exception {
    HttpResponse<String> reply = loginReply(base, clientId, secret, mid);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return Api.JSON.readTree(reply.body());
  }

  static JsonNode login(String base, String clientId, String secret, String mid, String scope)
      throws Exception {
    HttpResponse<String> reply = loginReply(base, clientId, secret, mid, scope);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return Api.JSON.readTree(reply.body());
  }

  static HttpResponse<String> loginReply(String base, String clientId, String secret, String mid)
      throws Exception {
    return loginReply(base, clientId, secret, mid, null);
  }

  /**
   * A client-credentials login as Marketing Cloud's clients send it; {@code scope} null to ask for
   * none.
   */
  static HttpResponse<String> loginReply(
      String base, String clientId, String secret, String mid, String scope) throws Exception {
    Map<String, String> fields =
        new java.util.LinkedHashMap<>(
            Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                clientId,
                "client_secret",
                secret,
                "account_id",
                mid));
    if (scope != null) {
      fields.put("scope", scope);
    }
    String body = Api.JSON.writeValueAsString(fields);
    return send(
        HttpRequest.newBuilder(URI.create(base + "/v2/token"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Sends the request, and checks the answer against the OpenAPI document as {@link Api} does. */
  private static HttpResponse<String> send(HttpRequest request) {
    try {
      HttpResponse<String> reply = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      OpenApiContract.get()
          .requireConforms(
              request.method(),
              request.uri().getRawPath()
                  + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()),
              reply.statusCode(),
              reply.body().isEmpty() ? null : Api.JSON.readTree(reply.body()));
      return reply;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
