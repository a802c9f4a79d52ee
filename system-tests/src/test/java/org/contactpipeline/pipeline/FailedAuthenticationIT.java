package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.IngestService;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.stack.StackConfig;
import org.contactpipeline.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Guessing at any vendor's credentials is throttled on the real stack, per client (OAuth client id,
 * iVvy API key, Cendyn account) and per source address across all of them, and each refusal is the
 * vendor's own 429 with {@code Retry-After}: OAuth's {@code slow_down}, Marketing Cloud's errorcode
 * 50100, iVvy's {@code errorCode} 429, Cendyn's {@code error}. Each test runs its own ingest
 * instance (the counts are per instance, in memory) with its own limits and clock, so the shared
 * instance's clients are never locked out; every request comes from 127.0.0.1.
 */
@Timeout(180)
class FailedAuthenticationIT {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String IVVY_LIST = "/api/1.0/contact?action=getContactList";
  private static final String IVVY_BODY = "{\"perPage\": 1}";
  private static final String DEMO_CENDYN = "/v2/account/demo/contact/?limit=1";
  private static final String ACME_CENDYN = "/v2/account/acme/contact/?limit=1";

  @Test
  void shouldThrottleEachGuessedClientInItsVendorsShapeAndNoOtherClient() throws Exception {
    LocalStack stack = TestStack.get();
    MovableClock clock = MovableClock.ofSystemTime();
    try (IngestService ingest = instance(stack, "3", "0", clock, "ingest-it-guessed-clients")) {
      String base = "http://127.0.0.1:" + ingest.port();
      IvvyDocumentedSigner demoIvvy =
          new IvvyDocumentedSigner(StackConfig.DEMO_IVVY_KEY, StackConfig.DEMO_IVVY_SECRET);
      IvvyDocumentedSigner guessedIvvy =
          new IvvyDocumentedSigner(StackConfig.DEMO_IVVY_KEY, "guessed-secret");
      IvvyDocumentedSigner acmeIvvy =
          new IvvyDocumentedSigner(
              StackCredentials.ACME_IVVY_KEY, StackCredentials.ACME_IVVY_SECRET);
      for (int i = 0; i < 3; i++) {
        assertThat(login(base, StackConfig.DEMO_CLIENT_ID, "guess-" + i).statusCode())
            .isEqualTo(401);
        assertThat(send(guessedIvvy.post(base, IVVY_LIST, IVVY_BODY, clock.instant())).statusCode())
            .isEqualTo(401);
        assertThat(cendyn(base, DEMO_CENDYN, "guess-" + i).statusCode()).isEqualTo(401);
      }

      HttpResponse<String> oauth =
          login(base, StackConfig.DEMO_CLIENT_ID, StackConfig.DEMO_CLIENT_SECRET);
      HttpResponse<String> ivvy = send(demoIvvy.post(base, IVVY_LIST, IVVY_BODY, clock.instant()));
      HttpResponse<String> cendyn = cendyn(base, DEMO_CENDYN, StackConfig.DEMO_CENDYN_TOKEN);

      assertThrottled(oauth, "error", "slow_down");
      assertThat(json(oauth).has("access_token")).isFalse();
      assertThrottled(ivvy, "errorCode", "429");
      assertThat(json(cendyn).get("error").asText())
          .contains("Too many failed authentication attempts");
      assertThat(cendyn.statusCode()).isEqualTo(429);
      assertThat(
              login(base, StackCredentials.ACME_CLIENT, StackCredentials.ACME_SECRET).statusCode())
          .as("another client")
          .isEqualTo(200);
      assertThat(send(acmeIvvy.post(base, IVVY_LIST, IVVY_BODY, clock.instant())).statusCode())
          .as("another key")
          .isEqualTo(200);
      assertThat(cendyn(base, ACME_CENDYN, StackCredentials.ACME_CENDYN_TOKEN).statusCode())
          .as("another account")
          .isEqualTo(200);

      clock.advance(Duration.ofSeconds(61));
      assertThat(
              login(base, StackConfig.DEMO_CLIENT_ID, StackConfig.DEMO_CLIENT_SECRET).statusCode())
          .as("once the window ended")
          .isEqualTo(200);
      assertThat(send(demoIvvy.post(base, IVVY_LIST, IVVY_BODY, clock.instant())).statusCode())
          .isEqualTo(200);
      assertThat(cendyn(base, DEMO_CENDYN, StackConfig.DEMO_CENDYN_TOKEN).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void shouldThrottleASourceThatGuessesAcrossVendorsUntilItsWindowEnds() throws Exception {
    LocalStack stack = TestStack.get();
    MovableClock clock = MovableClock.ofSystemTime();
    try (IngestService ingest = instance(stack, "0", "5", clock, "ingest-it-guessing-source")) {
      String base = "http://127.0.0.1:" + ingest.port();
      IvvyDocumentedSigner demoIvvy =
          new IvvyDocumentedSigner(StackConfig.DEMO_IVVY_KEY, StackConfig.DEMO_IVVY_SECRET);
      String expired =
          json(login(base, StackConfig.DEMO_CLIENT_ID, StackConfig.DEMO_CLIENT_SECRET))
              .get("access_token")
              .asText();
      clock.advance(Duration.ofMinutes(21));
      for (int i = 0; i < 6; i++) {
        assertThat(mcDefinitions(base, expired).statusCode())
            .as("an expired token issued here is a client to renew, not a guess")
            .isEqualTo(401);
      }

      assertThat(login(base, "nobody", "guess").statusCode()).isEqualTo(401);
      assertThat(
              send(new IvvyDocumentedSigner("unknown-key", "guess")
                      .post(base, IVVY_LIST, IVVY_BODY, clock.instant()))
                  .statusCode())
          .isEqualTo(401);
      assertThat(cendyn(base, "/v2/account/someone/contact/", "guess").statusCode()).isEqualTo(401);
      assertThat(mcDefinitions(base, "guessed.token").statusCode()).isEqualTo(401);
      assertThat(
              send(HttpRequest.newBuilder(java.net.URI.create(base + IVVY_LIST))
                      .header("Authorization", "Bearer guessed-token")
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(IVVY_BODY))
                      .build())
                  .statusCode())
          .as("iVvy's static-token option counts too")
          .isEqualTo(401);

      assertThrottled(mcDefinitions(base, "demo-token"), "errorcode", "50100");
      assertThrottled(
          login(base, StackConfig.DEMO_CLIENT_ID, StackConfig.DEMO_CLIENT_SECRET),
          "error",
          "slow_down");
      assertThrottled(
          send(demoIvvy.post(base, IVVY_LIST, IVVY_BODY, clock.instant())), "errorCode", "429");
      HttpResponse<String> cendyn = cendyn(base, DEMO_CENDYN, StackConfig.DEMO_CENDYN_TOKEN);
      assertThat(cendyn.statusCode()).isEqualTo(429);
      assertThat(json(cendyn).get("error").asText()).contains("this address");

      clock.advance(Duration.ofSeconds(61));
      assertThat(mcDefinitions(base, "demo-token").statusCode())
          .as("once the window ended")
          .isEqualTo(200);
      assertThat(
              login(base, StackConfig.DEMO_CLIENT_ID, StackConfig.DEMO_CLIENT_SECRET).statusCode())
          .isEqualTo(200);
      assertThat(send(demoIvvy.post(base, IVVY_LIST, IVVY_BODY, clock.instant())).statusCode())
          .isEqualTo(200);
      assertThat(cendyn(base, DEMO_CENDYN, StackConfig.DEMO_CENDYN_TOKEN).statusCode())
          .isEqualTo(200);
    }
  }

  private static IngestService instance(
      LocalStack stack, String perClient, String perSource, MovableClock clock, String id) {
    IngestConfig config =
        IngestConfig.from(
                stack
                    .services()
                    .with(
                        Map.of(
                            "auth.failed-logins.per-client", perClient,
                            "auth.failed-logins.per-source", perSource,
                            "auth.failed-logins.window-seconds", "60")))
            .withInstance(0, id);
    IngestService ingest = new IngestService(config, stack.healthChecks(), clock);
    ingest.start();
    return ingest;
  }

  /**
   * 429 with Retry-After within the window, and the vendor's body naming {@code field} as {@code
   * value}.
   */
  private static void assertThrottled(HttpResponse<String> response, String field, String value)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After"))
        .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
    assertThat(json(response).get(field).asText()).as(response.body()).isEqualTo(value);
  }

  private static HttpResponse<String> login(String base, String clientId, String secret)
      throws Exception {
    return VendorAuthenticationIT.loginReply(
        base,
        clientId,
        secret,
        clientId.equals(StackCredentials.ACME_CLIENT)
            ? StackCredentials.ACME_MID
            : StackConfig.DEMO_MID);
  }

  private static HttpResponse<String> mcDefinitions(String base, String token) throws Exception {
    return send(
        HttpRequest.newBuilder(java.net.URI.create(base + "/contacts/v1/attributeSetDefinitions"))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build());
  }

  private static HttpResponse<String> cendyn(String base, String path, String token)
      throws Exception {
    return send(
        HttpRequest.newBuilder(java.net.URI.create(base + path))
            .header("Authorization", "Token token=" + token)
            .GET()
            .build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Api.JSON.readTree(response.body());
  }
}
