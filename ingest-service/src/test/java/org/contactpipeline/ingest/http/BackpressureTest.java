package org.contactpipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.contactpipeline.config.Settings;
import org.contactpipeline.ingest.IngestApp;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.VendorApis;
import org.contactpipeline.ingest.testing.InMemoryContactStore;
import org.contactpipeline.ingest.testing.TopologyPipeline;
import org.contactpipeline.metrics.MetricNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Past a tenant's rate or the in-flight cap, every vendor API answers 429 at once in its own shape
 * with Retry-After, and answers normally again once the pressure is gone.
 */
@Timeout(60)
class BackpressureTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicLong now = new AtomicLong();
  private final MeterRegistry metrics = new SimpleMeterRegistry();
  private final List<AutoCloseable> open = new ArrayList<>();
  private Javalin server;

  @AfterEach
  void stop() throws Exception {
    server.stop();
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  @Test
  void shouldAnswer429InEachVendorsShapePastTheTenantsRateAndRecoverAfterwards() throws Exception {
    startVendorApis(
        Map.of("BACKPRESSURE_TENANT_RATES", "demo=3", "BACKPRESSURE_RETRY_AFTER_SECONDS", "2"));
    List<Integer> first = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      first.add(
          send("GET", "/contacts/v1/attributeSetDefinitions", "Bearer demo-token", null)
              .statusCode());
    }

    HttpResponse<String> marketingCloud =
        send("GET", "/contacts/v1/attributeSetDefinitions", "Bearer demo-token", null);
    HttpResponse<String> ivvy =
        send("POST", "/api/1.0/contact?action=getContactList", "Bearer demo-token", "{}");
    HttpResponse<String> cendyn =
        send("GET", "/v2/account/demo/contact/", "Token token=demo-token", null);
    HttpResponse<String> otherTenant =
        send("GET", "/contacts/v1/attributeSetDefinitions", "Bearer acme-token", null);

    assertThat(first).containsOnly(200);
    assertThat(List.of(marketingCloud, ivvy, cendyn))
        .allSatisfy(
            response -> {
              assertThat(response.statusCode()).isEqualTo(429);
              assertThat(response.headers().firstValue("Retry-After")).contains("2");
            });
    assertThat(JSON.readTree(marketingCloud.body()))
        .isEqualTo(
            JSON.readTree(
                "{\"message\": \"Rate limit exceeded\", \"errorcode\": 50100, \"documentation\": \"\"}"));
    JsonNode ivvyError = JSON.readTree(ivvy.body());
    assertThat(ivvyError.get("errorCode").asInt()).isEqualTo(429);
    assertThat(ivvyError.get("message").asText()).contains("Rate limit exceeded").contains("demo");
    assertThat(JSON.readTree(cendyn.body()).get("error").asText()).contains("Rate limit exceeded");
    assertThat(otherTenant.statusCode()).as("acme has no limit").isEqualTo(200);
    assertThat(throttled("demo", MetricNames.LIMIT_TENANT_RATE)).isEqualTo(3.0);
    assertThat(throttled("demo", MetricNames.LIMIT_IN_FLIGHT)).isZero();
    assertThat(throttled("acme", MetricNames.LIMIT_TENANT_RATE))
        .as("a configured tenant's counter is there before its first 429")
        .isZero();

    now.addAndGet(Duration.ofSeconds(1).toNanos());

    assertThat(
            send("GET", "/contacts/v1/attributeSetDefinitions", "Bearer demo-token", null)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void shouldRefuseAtOnceWhileTooManyRequestsAreInFlightAndAdmitAgainWhenTheyAnswer()
      throws Exception {
    CompletableFuture<String> slowAnswer = new CompletableFuture<>();
    Backpressure backpressure =
        new Backpressure(new BackpressureLimits(1, 0, Map.of(), 1), now::get, metrics, List.of());
    server =
        IngestApp.create(
                0,
                JsonMappers.vendorJson(),
                new HealthEndpoint(List.of()),
                List.of(new SlowApi(slowAnswer)),
                backpressure)
            .start();

    CompletableFuture<HttpResponse<String>> waiting =
        http.sendAsync(
            request("GET", "/slow/answer", "", null), HttpResponse.BodyHandlers.ofString());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (backpressure.inFlight() < 1 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    HttpResponse<String> refused = send("GET", "/slow/answer", "", null);
    slowAnswer.complete("done");

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    assertThat(refused.body()).contains("in flight");
    assertThat(throttled(Backpressure.NO_TENANT, MetricNames.LIMIT_IN_FLIGHT)).isEqualTo(1.0);
    assertThat(waiting.get().statusCode()).isEqualTo(200);
    long released = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (backpressure.inFlight() > 0 && System.nanoTime() < released) {
      Thread.onSpinWait();
    }
    assertThat(backpressure.inFlight()).isZero();
    assertThat(send("GET", "/slow/answer", "", null).statusCode()).isEqualTo(200);
  }

  private void startVendorApis(Map<String, String> environment) {
    Map<String, String> env = new java.util.HashMap<>(environment);
    env.put("AUTH_TENANT_TOKENS", "demo=demo-token,acme=acme-token");
    IngestConfig config = IngestConfig.from(Settings.layer(IngestConfig.DEFAULTS, env));
    TopologyPipeline pipeline = new TopologyPipeline();
    open.add(pipeline);
    server =
        IngestApp.create(
                0,
                JsonMappers.vendorJson(),
                new HealthEndpoint(List.of()),
                VendorApis.all(
                    config, pipeline, pipeline, new InMemoryContactStore(), Clock.systemUTC()),
                new Backpressure(
                    config.backpressure(), now::get, metrics, config.tenantTokens().tenants()))
            .start();
  }

  private double throttled(String tenant, String limit) {
    return metrics
        .get(MetricNames.REQUESTS_THROTTLED)
        .tag("tenant", tenant)
        .tag("limit", limit)
        .counter()
        .count();
  }

  private HttpResponse<String> send(String method, String path, String authorization, String body)
      throws Exception {
    return http.send(
        request(method, path, authorization, body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String method, String path, String authorization, String body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (!authorization.isEmpty()) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  /**
   * An API whose one route answers when the test says so, asynchronously like the pipeline's
   * writes.
   */
  private record SlowApi(CompletableFuture<String> answer) implements VendorApi {
    @Override
    public void register(RoutesConfig routes) {
      routes.get("/slow/answer", ctx -> ctx.future(() -> answer.thenAccept(ctx::result)));
    }

    @Override
    public List<String> pathPatterns() {
      return List.of("/slow/*");
    }

    @Override
    public boolean owns(String path) {
      return path.startsWith("/slow/");
    }

    @Override
    public Object errorBody(int status, String message) {
      return ApiError.forStatus(status, message);
    }
  }
}
