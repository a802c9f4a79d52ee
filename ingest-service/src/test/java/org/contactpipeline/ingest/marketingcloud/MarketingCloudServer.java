package org.contactpipeline.ingest.marketingcloud;

import org.contactpipeline.ingest.http.WriteEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.contactpipeline.ingest.IngestApp;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.JsonMappers;
import org.contactpipeline.ingest.http.TenantTokens;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;
import org.contactpipeline.ingest.testing.SilentReplies;
import org.contactpipeline.ingest.testing.TopologyPipeline;

/**
 * The Marketing Cloud API on port 0 with the real resolver topology behind it, wired as
 * IngestService wires it, and an HTTP client that speaks as tenant {@code demo} unless told
 * otherwise.
 */
final class MarketingCloudServer implements AutoCloseable {

  static final String DEMO = "demo-token";
  static final String OTHER = "other-token";
  /** The limits of IngestConfig's defaults, which the refusal catalogue assumes. */
  static final int MAX_ITEMS = MarketingCloudRefusals.MAX_ITEMS;
  static final int MAX_KEY_LENGTH = MarketingCloudRefusals.MAX_KEY_LENGTH;

  private static final ObjectMapper JSON = new ObjectMapper();

  final TopologyPipeline pipeline = new TopologyPipeline();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Javalin server;

  MarketingCloudServer() {
    this(false);
  }

  /** @param resultsNeverArrive when true, commands are accepted but no response ever comes back */
  MarketingCloudServer(boolean resultsNeverArrive) {
    this(resultsNeverArrive ? new SilentReplies() : null, resultsNeverArrive ? Duration.ofMillis(200) : Duration.ofSeconds(10));
  }

  /** With responses from {@code replies} instead of the pipeline. */
  MarketingCloudServer(ResponseWaiter replies) {
    this(replies, Duration.ofSeconds(10));
  }

  private MarketingCloudServer(ResponseWaiter repliesOrPipeline, Duration timeout) {
    ObjectMapper json = JsonMappers.vendorJson();
    CommandGateway gateway = new CommandGateway(pipeline, repliesOrPipeline == null ? pipeline : repliesOrPipeline,
        timeout);
    WriteEndpoint<?, ?, ?> establish = new WriteEndpoint<>(new EstablishEndpoint(json, MAX_ITEMS, MAX_KEY_LENGTH, Clock.systemUTC()), gateway);
    ContactEndpoints contacts = new ContactEndpoints(json, pipeline.store(), gateway, Clock.systemUTC(),
        new MarketingCloudLimits(MAX_KEY_LENGTH, MAX_ITEMS));
    Tenants tenants = new Tenants(TenantTokens.parse("demo=" + DEMO + ",other=" + OTHER));
    server = IngestApp.create(0, json, new HealthEndpoint(List.of()),
        List.of(new MarketingCloudApi(tenants, establish, contacts))).start();
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    return send("POST", path, body, DEMO);
  }

  HttpResponse<String> patch(String path, String body) throws IOException, InterruptedException {
    return send("PATCH", path, body, DEMO);
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, DEMO);
  }

  HttpResponse<String> send(String method, String path, String body, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }

  /** The body of a response that must have this status. */
  static JsonNode body(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return json(response.body());
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Override
  public void close() {
    server.stop();
    pipeline.close();
  }
}
