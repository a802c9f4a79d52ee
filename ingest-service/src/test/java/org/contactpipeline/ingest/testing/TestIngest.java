package org.contactpipeline.ingest.testing;

import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.contactpipeline.config.Settings;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.ingest.IngestApp;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.VendorApis;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.JsonMappers;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;

/**
 * Ingest's HTTP app on port 0, wired as IngestService wires it ({@link VendorApis}, every vendor
 * API, IngestConfig's defaults), over the real resolver topology ({@link TopologyPipeline}).
 * Tenants {@code demo} ({@code demo-token}) and {@code other} ({@code other-token}) authenticate
 * with static tokens, as they do on the local stack.
 */
public final class TestIngest implements AutoCloseable {

  /** For tests whose results never arrive: how soon they see the 504. */
  public static final Duration QUICK_TIMEOUT = Duration.ofMillis(300);

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public final TopologyPipeline pipeline = new TopologyPipeline();
  private final Javalin server;

  /** Results from the pipeline, waited for as long as IngestConfig's default says. */
  public TestIngest() {
    this(null, Map.of());
  }

  /**
   * @param replies where results come from instead of the pipeline (one that never answers, or
   *     fails), waited for {@link #QUICK_TIMEOUT}; null for the pipeline's own
   * @param settings settings over IngestConfig's defaults, by key
   */
  public TestIngest(ResponseWaiter replies, Map<String, String> settings) {
    Map<String, String> values = new TreeMap<>();
    values.put("auth.tenant-tokens", "demo=demo-token,other=other-token");
    // Refusal catalogues send many bad credentials from one address; throttling them is tested on
    // its own.
    values.put("auth.failed-logins.per-source", "1000000");
    values.put("auth.failed-logins.per-client", "1000000");
    if (replies != null) {
      values.put("pipeline.response-timeout-ms", Long.toString(QUICK_TIMEOUT.toMillis()));
    }
    values.putAll(settings);
    IngestConfig config =
        IngestConfig.from(Settings.layer(IngestConfig.DEFAULTS, Map.of()).with(values));
    server =
        IngestApp.create(
                0,
                JsonMappers.vendorJson(),
                new HealthEndpoint(List.of(HealthCheck.of("kafka", () -> HealthStatus.up("test")))),
                VendorApis.all(
                    config,
                    pipeline,
                    replies == null ? pipeline : replies,
                    pipeline.store(),
                    pipeline,
                    pipeline.jobStore(),
                    Clock.systemUTC(),
                    new SimpleMeterRegistry()))
            .start();
  }

  public int port() {
    return server.port();
  }

  /**
   * The one HTTP client of the endpoint tests: {@code method path} with these headers (in order)
   * and body (null: none), answered as text.
   */
  public HttpResponse<String> send(
      String method, String path, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(path)))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code http://localhost:<port>} followed by {@code path}. */
  public String url(String path) {
    return "http://localhost:" + server.port() + path;
  }

  @Override
  public void close() {
    server.stop();
    pipeline.close();
  }
}
