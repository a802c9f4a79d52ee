package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.contactpipeline.ingest.IngestApp;
import org.contactpipeline.ingest.http.HealthEndpoint;
import org.contactpipeline.ingest.http.JsonMappers;
import org.contactpipeline.ingest.http.TenantTokens;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.testing.TopologyPipeline;

/**
 * The iVvy API on port 0 in front of the real resolver topology ({@link TopologyPipeline}) and
 * its in-memory read side, with tenants {@code demo} ({@code demo-token}) and {@code other}
 * ({@code other-token}) and the built-in definitions, as the local stack runs them.
 */
final class IvvyServer implements AutoCloseable {

  static final String DEMO = "Bearer demo-token";
  static final String OTHER = "Bearer other-token";

  private static final ObjectMapper JSON = new ObjectMapper();

  final TopologyPipeline pipeline = new TopologyPipeline();
  private final HttpClient http = HttpClient.newHttpClient();
  private final Javalin server;

  IvvyServer() {
    this(pipeline -> new CommandGateway(pipeline, pipeline, Duration.ofSeconds(5)));
  }

  /** With another gateway in front of the test pipeline, e.g. one whose responses never arrive. */
  IvvyServer(Function<TopologyPipeline, CommandGateway> gateway) {
    ObjectMapper json = JsonMappers.vendorJson();
    Tenants tenants = new Tenants(TenantTokens.parse("demo=demo-token,other=other-token"));
    IvvyApi api = new IvvyApi(tenants, json, gateway.apply(pipeline), pipeline.store(), IvvyDefinitions.load(""));
    server = IngestApp.create(0, json, new HealthEndpoint(List.of()), List.of(api)).start();
  }

  /** A call of the demo tenant. */
  Reply call(String action, String body) {
    return call(action, body, DEMO);
  }

  Reply call(String action, String body, String authorization) {
    return send("POST", "/api/1.0/contact?action=" + action, authorization, body);
  }

  Reply send(String method, String pathAndQuery, String authorization, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + pathAndQuery))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Adds or updates a contact and returns its id, failing unless iVvy answers success. */
  long addOrUpdate(String body) {
    Reply reply = call("addOrUpdateContact", body);
    if (reply.status() != 200 || !reply.body().path("success").asBoolean()) {
      throw new AssertionError("addOrUpdateContact answered " + reply.status() + ": " + reply.body());
    }
    return reply.body().get("id").asLong();
  }

  /** The contact as getContact returns it, failing unless it is found. */
  JsonNode contact(long id) {
    Reply reply = call("getContact", "{\"id\":" + id + "}");
    if (reply.status() != 200) {
      throw new AssertionError("getContact answered " + reply.status() + ": " + reply.body());
    }
    return reply.body();
  }

  @Override
  public void close() {
    server.stop();
    pipeline.close();
  }

  record Reply(int status, JsonNode body) {
  }
}
