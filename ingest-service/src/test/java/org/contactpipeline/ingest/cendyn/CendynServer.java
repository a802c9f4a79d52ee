package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.ingest.IngestApp;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.JsonMappers;
import org.contactpipeline.ingest.http.TenantTokens;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.CommandLog;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;
import org.contactpipeline.ingest.testing.TopologyPipeline;

/**
 * The Cendyn API on port 0 with the real resolver topology behind it, and a client that speaks to
 * it the way Cendyn's reference does ({@code Authorization: Token token=...}). Tenants: {@code demo}
 * ({@code demo-token}) and {@code other} ({@code other-token}).
 */
final class CendynServer implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  final TopologyPipeline pipeline = new TopologyPipeline();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Javalin server;

  CendynServer() {
    this(null);
  }

  /** With {@code replies} set, responses come from it instead of the pipeline (to test timeouts). */
  CendynServer(ResponseWaiter replies) {
    ObjectMapper json = JsonMappers.vendorJson();
    CommandLog log = pipeline;
    CommandGateway gateway = new CommandGateway(log, replies == null ? pipeline : replies, Duration.ofMillis(300));
    Tenants tenants = new Tenants(TenantTokens.parse("demo=demo-token,other=other-token"));
    server = IngestApp.create(0, json,
        new HealthEndpoint(List.of(HealthCheck.of("kafka", () -> HealthStatus.up("test")))),
        List.of(new CendynApi(tenants, json, gateway, pipeline.store()))).start();
  }

  HttpResponse<String> create(String body) throws Exception {
    return post("/v2/account/demo/contact/", body, "Token token=demo-token");
  }

  HttpResponse<String> post(String path, String body, String authorization) throws Exception {
    HttpRequest.Builder request = request(path, authorization)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET /v2/account/demo/contact/?query} as demo. */
  HttpResponse<String> list(String query) throws Exception {
    return get("/v2/account/demo/contact/" + (query.isEmpty() ? "" : "?" + query), "Token token=demo-token");
  }

  HttpResponse<String> get(String path, String authorization) throws Exception {
    return http.send(request(path, authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
        .header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
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
