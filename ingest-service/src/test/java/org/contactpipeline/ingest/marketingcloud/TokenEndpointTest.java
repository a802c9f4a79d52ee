package org.contactpipeline.ingest.marketingcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.contactpipeline.config.Settings;
import org.contactpipeline.ingest.IngestApp;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.VendorApis;
import org.contactpipeline.ingest.auth.SecretHash;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.JsonMappers;
import org.contactpipeline.ingest.testing.InMemoryContactStore;
import org.contactpipeline.ingest.testing.TopologyPipeline;
import org.contactpipeline.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Marketing Cloud's client-credentials login and the bearer tokens it issues, on the whole app. */
@Timeout(60)
class TokenEndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENTS =
      "demo-client=demo:12345:"
          + SecretHash.of("demo-secret")
          + "|"
          + SecretHash.of("rotated-secret")
          + ":"
          + ContactScopes.READ
          + " "
          + ContactScopes.WRITE
          + ",acme-client=acme:777:"
          + SecretHash.of("acme-secret");

  private final HttpClient http = HttpClient.newHttpClient();
  private final MovableClock clock = new MovableClock(Instant.parse("2024-05-01T10:00:00Z"));
  private TopologyPipeline pipeline;
  private Javalin server;

  @AfterEach
  void stop() {
    server.stop();
    pipeline.close();
  }

  @Test
  void shouldIssueATokenInTheVendorsShapeThatOpensTheRestApi() throws Exception {
    start("");
    HttpResponse<String> login = login("demo-client", "demo-secret", "12345", null);
    JsonNode token = JSON.readTree(login.body());

    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(token.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(token.get("expires_in").isNumber()).isTrue();
    assertThat(token.get("expires_in").asInt()).isEqualTo(1200);
    assertThat(token.get("scope").asText())
        .isEqualTo("list_and_subscribers_read list_and_subscribers_write");
    assertThat(token.get("rest_instance_url").asText())
        .isEqualTo("http://127.0.0.1:" + server.port() + "/");
    assertThat(token.get("soap_instance_url").asText()).endsWith("/");
    assertThat(login.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(
            get("/contacts/v1/attributeSetDefinitions", token.get("access_token").asText())
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void shouldAnswerTheConfiguredPublicBaseUrl() throws Exception {
    start("https://contacts.example.com/mc");
    JsonNode token =
        JSON.readTree(login("demo-client", "demo-secret", "12345", ContactScopes.READ).body());

    assertThat(token.get("rest_instance_url").asText())
        .isEqualTo("https://contacts.example.com/mc/");
    assertThat(token.get("scope").asText()).isEqualTo(ContactScopes.READ);
  }

  @Test
  void shouldRefuseAWrongSecretOrAccountInOAuthsShapeWithoutAnAccessToken() throws Exception {
    start("");
    List<HttpResponse<String>> refused =
        List.of(
            login("demo-client", "wrong", "12345", null),
            login("demo-client", "demo-secret", "777", null),
            login("nobody", "demo-secret", "12345", null));

    assertThat(refused)
        .allSatisfy(
            response -> {
              assertThat(response.statusCode()).isEqualTo(401);
              JsonNode body = JSON.readTree(response.body());
              assertThat(body.get("error").asText()).isEqualTo("invalid_client");
              assertThat(body.has("error_description")).isTrue();
              assertThat(body.has("access_token")).isFalse();
              assertThat(response.body()).doesNotContain("demo-secret");
            });
    assertThat(
            JSON.readTree(login("demo-client", "demo-secret", "12345", "journeys_execute").body())
                .get("error")
                .asText())
        .isEqualTo("invalid_scope");
  }

  @Test
  void shouldLetAReadOnlyTokenReadButNotWriteAnsweringMarketingCloudsForbidden() throws Exception {
    start("");
    String token =
        JSON.readTree(login("demo-client", "demo-secret", "12345", ContactScopes.READ).body())
            .get("access_token")
            .asText();

    HttpResponse<String> establish =
        send("POST", "/contacts/v1/establish", token, "{\"contactKeys\": [\"k\"]}");
    HttpResponse<String> delete =
        send(
            "POST",
            "/contacts/v1/contacts/actions/delete?type=keys",
            token,
            "{\"values\": [\"k\"], \"DeleteOperationType\": \"ContactAndAttributes\"}");

    assertThat(List.of(establish, delete))
        .allSatisfy(
            refused -> {
              assertThat(refused.statusCode()).isEqualTo(403);
              assertThat(JSON.readTree(refused.body()))
                  .isEqualTo(
                      JSON.readTree(
                          "{\"message\": \"Insufficient privileges to complete this action.\", \"errorcode\": 403, \"documentation\": \"\"}"));
              assertThat(refused.headers().firstValue("WWW-Authenticate"))
                  .hasValueSatisfying(
                      header ->
                          assertThat(header)
                              .contains("error=\"insufficient_scope\"")
                              .contains(ContactScopes.WRITE));
            });
    assertThat(get("/contacts/v1/attributeSetDefinitions", token).statusCode()).isEqualTo(200);
    assertThat(
            send(
                    "POST",
                    "/contacts/v1/addresses/email/search",
                    token,
                    "{\"ChannelAddressList\": [\"k@example.com\"], \"MaximumCount\": 5}")
                .statusCode())
        .as("the email search is a read")
        .isEqualTo(200);
  }

  @Test
  void shouldLetAWriteOnlyTokenWriteButNotRead() throws Exception {
    start("");
    String token =
        JSON.readTree(login("demo-client", "demo-secret", "12345", ContactScopes.WRITE).body())
            .get("access_token")
            .asText();

    assertThat(
            send("POST", "/contacts/v1/establish", token, "{\"contactKeys\": [\"w\"]}")
                .statusCode())
        .isEqualTo(200);
    assertThat(get("/contacts/v1/contacts/key:w", token).statusCode()).isEqualTo(403);
    assertThat(get("/contacts/v1/contacts/key:w", "demo-token").statusCode())
        .as("static service tokens hold every scope")
        .isNotEqualTo(403);
  }

  @Test
  void shouldGrantAClientWithoutConfiguredScopesTheContactScopesOrWhatItAskedFor()
      throws Exception {
    start("");

    assertThat(
            JSON.readTree(login("acme-client", "acme-secret", "777", null).body())
                .get("scope")
                .asText())
        .isEqualTo(ContactScopes.READ + " " + ContactScopes.WRITE);
    assertThat(
            JSON.readTree(
                    login("acme-client", "acme-secret", "777", "  " + ContactScopes.READ + "  ")
                        .body())
                .get("scope")
                .asText())
        .isEqualTo(ContactScopes.READ);
  }

  @Test
  void shouldAcceptBothSecretsDuringARotation() throws Exception {
    start("");

    assertThat(login("demo-client", "demo-secret", "12345", null).statusCode()).isEqualTo(200);
    assertThat(login("demo-client", "rotated-secret", "12345", null).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswerAnExpiredTokenWithInvalidTokenSoClientsLogInAgain() throws Exception {
    start("");
    String token =
        JSON.readTree(login("demo-client", "demo-secret", "12345", null).body())
            .get("access_token")
            .asText();
    clock.advance(Duration.ofSeconds(1200));

    HttpResponse<String> expired = get("/contacts/v1/attributeSetDefinitions", token);

    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(
            header -> assertThat(header).startsWith("Bearer ").contains("error=\"invalid_token\""));
    assertThat(JSON.readTree(expired.body()).get("message").asText()).startsWith("Not Authorized");
    assertThat(get("/contacts/v1/attributeSetDefinitions", "demo-token").statusCode())
        .as("the static token stays an option")
        .isEqualTo(200);
  }

  @Test
  void shouldThrottleAClientAfterItsFailedLogins() throws Exception {
    start("");
    for (int i = 0; i < 3; i++) {
      assertThat(login("acme-client", "guess-" + i, "777", null).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> throttled = login("acme-client", "acme-secret", "777", null);

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(throttled.body()).has("access_token")).isFalse();
    assertThat(JSON.readTree(throttled.body()).get("error").asText()).isNotEmpty();
    assertThat(login("demo-client", "demo-secret", "12345", null).statusCode())
        .as("other clients")
        .isEqualTo(200);
  }

  @Test
  void shouldBindCendynAccountsToTheirOwnTokens() throws Exception {
    start("");

    assertThat(cendyn("/v2/account/demo/contact/", "Token token=demo-cendyn").statusCode())
        .isEqualTo(200);
    assertThat(cendyn("/v2/account/demo/contact/", "Token token=\"demo-cendyn-next\"").statusCode())
        .isEqualTo(200);
    assertThat(cendyn("/v2/account/acme/contact/", "Token token=demo-cendyn").statusCode())
        .isEqualTo(403);
    assertThat(cendyn("/v2/account/demo/contact/", "Token token=wrong").statusCode())
        .isEqualTo(401);
  }

  private void start(String publicBaseUrl) {
    IngestConfig config =
        IngestConfig.from(
            Settings.layer(
                IngestConfig.DEFAULTS,
                Map.of(
                    "AUTH_TENANT_TOKENS", "demo=demo-token",
                    "AUTH_MARKETING_CLOUD_CLIENTS", CLIENTS,
                    "AUTH_TOKEN_SIGNING_KEYS", "unit-test-signing-key-0123456789abcdef",
                    "HTTP_PUBLIC_BASE_URL", publicBaseUrl,
                    "AUTH_CENDYN_ACCOUNT_TOKENS",
                        "demo=demo-cendyn|demo-cendyn-next,acme=acme-cendyn",
                    "AUTH_FAILED_LOGINS_PER_CLIENT", "3")));
    pipeline = new TopologyPipeline();
    server =
        IngestApp.create(
                0,
                JsonMappers.vendorJson(),
                new HealthEndpoint(List.of()),
                VendorApis.all(config, pipeline, pipeline, new InMemoryContactStore(), clock))
            .start();
  }

  private HttpResponse<String> login(String clientId, String secret, String accountId, String scope)
      throws Exception {
    Map<String, Object> body =
        new java.util.LinkedHashMap<>(
            Map.of(
                "grant_type",
                "client_credentials",
                "client_id",
                clientId,
                "client_secret",
                secret,
                "account_id",
                Long.parseLong(accountId)));
    if (scope != null) {
      body.put("scope", scope);
    }
    return http.send(
        HttpRequest.newBuilder(uri("/v2/token"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> cendyn(String path, String authorization) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).header("Authorization", authorization).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
