package org.contactpipeline.ingest.ivvy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.contactpipeline.config.Settings;
import org.contactpipeline.ingest.IngestApp;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.VendorApis;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.JsonMappers;
import org.contactpipeline.ingest.testing.InMemoryContactStore;
import org.contactpipeline.ingest.testing.TopologyPipeline;
import org.contactpipeline.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * iVvy's signed requests on the whole app: what passes, and how each kind of tampering is answered.
 */
@Timeout(60)
class IvvyAuthenticationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/api/1.0/contact?action=getContactList";
  private static final String BODY = "{\"perPage\": 10}";
  private static final DateTimeFormatter IVVY_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final HttpClient http = HttpClient.newHttpClient();
  private final MovableClock clock = new MovableClock(Instant.now());
  private TopologyPipeline pipeline;
  private Javalin server;

  @BeforeEach
  void start() {
    IngestConfig config =
        IngestConfig.from(
            Settings.layer(
                IngestConfig.DEFAULTS,
                Map.of(
                    "AUTH_TENANT_TOKENS", "demo=demo-token",
                    "AUTH_IVVY_KEYS", "key-a=demo:old-secret|new-secret,key-b=acme:acme-secret",
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

  @AfterEach
  void stop() {
    server.stop();
    pipeline.close();
  }

  @Test
  void shouldAcceptARequestSignedWithEitherActiveSecret() throws Exception {
    assertThat(send(signed("key-a", "old-secret", BODY, BODY, clock.instant())).statusCode())
        .isEqualTo(200);
    assertThat(send(signed("key-a", "new-secret", BODY, BODY, clock.instant())).statusCode())
        .isEqualTo(200);
  }

  @Test
  void shouldRefuseAWrongSecretAndAnUnknownKey() throws Exception {
    HttpResponse<String> wrong = send(signed("key-a", "acme-secret", BODY, BODY, clock.instant()));
    HttpResponse<String> unknown = send(signed("key-z", "old-secret", BODY, BODY, clock.instant()));

    assertThat(List.of(wrong, unknown))
        .allSatisfy(
            response -> {
              assertThat(response.statusCode()).isEqualTo(401);
              assertThat(response.body()).contains("\"errorCode\":401").doesNotContain("secret\"");
            });
  }

  @Test
  void shouldRefuseABodyAlteredAfterSigning() throws Exception {
    HttpResponse<String> altered =
        send(signed("key-a", "old-secret", BODY, "{\"perPage\": 11}", clock.instant()));

    assertThat(altered.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(altered.body()).get("message").asText()).contains("Content-MD5");
  }

  @Test
  void shouldRefuseARequestOlderThanFiveMinutesWithSpecificCode23005() throws Exception {
    HttpRequest request = signed("key-a", "old-secret", BODY, BODY, clock.instant());
    assertThat(send(request).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    HttpResponse<String> replayed = send(request);

    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(replayed.body()))
        .isEqualTo(
            JSON.readTree(
                "{\"errorCode\": 401, \"message\": \"Request is stale\", \"specificCode\": 23005}"));
  }

  @Test
  void shouldThrottleAKeyAfterItsFailuresInIvvysShape() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(send(signed("key-b", "guess-" + i, BODY, BODY, clock.instant())).statusCode())
          .isEqualTo(401);
    }

    HttpResponse<String> throttled =
        send(signed("key-b", "acme-secret", BODY, BODY, clock.instant()));

    assertThat(throttled.statusCode()).isEqualTo(429);
    JsonNode error = JSON.readTree(throttled.body());
    assertThat(error.get("errorCode").asInt()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void shouldStillAcceptTheStaticBearerToken() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri(PATH))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer demo-token")
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build());

    assertThat(response.statusCode()).isEqualTo(200);
  }

  /** A request signed over {@code signedBody} that sends {@code sentBody}. */
  private HttpRequest signed(
      String key, String secret, String signedBody, String sentBody, Instant at) {
    String md5 = IvvySignature.md5(signedBody.getBytes(StandardCharsets.UTF_8));
    String date = IVVY_DATE.format(at);
    String signature =
        IvvySignature.sign(
            secret.getBytes(StandardCharsets.UTF_8),
            IvvySignature.stringToSign(
                "POST", md5, "application/json", "", PATH, "1.0", Map.of("IVVY-Date", date)));
    return HttpRequest.newBuilder(uri(PATH))
        .header("Content-Type", "application/json")
        .header("Content-MD5", md5)
        .header("IVVY-Date", date)
        .header("X-Api-Version", "1.0")
        .header("X-Api-Authorization", "IWS " + key + ":" + signature)
        .POST(HttpRequest.BodyPublishers.ofString(sentBody))
        .build();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
