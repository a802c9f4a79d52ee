package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;
import org.contactpipeline.ingest.testing.TestIngest;
import org.contactpipeline.ingest.testing.TopologyPipeline;

/**
 * The iVvy API on port 0 in front of the real resolver topology ({@link TopologyPipeline}) and its
 * in-memory read side, with tenants {@code demo} ({@code demo-token}) and {@code other} ({@code
 * other-token}) and the built-in definitions, as the local stack runs them.
 */
final class IvvyServer implements AutoCloseable {

  static final String DEMO = "Bearer demo-token";
  static final String OTHER = "Bearer other-token";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestIngest ingest;
  final TopologyPipeline pipeline;

  IvvyServer() {
    this(null);
  }

  /** With responses from {@code replies} instead of the pipeline, e.g. ones that never arrive. */
  IvvyServer(ResponseWaiter replies) {
    ingest = new TestIngest(replies, Map.of());
    pipeline = ingest.pipeline;
  }

  /** A call of the demo tenant. */
  Reply call(String action, String body) {
    return call(action, body, DEMO);
  }

  Reply call(String action, String body, String authorization) {
    return send("POST", "/api/1.0/contact?action=" + action, authorization, body);
  }

  Reply send(String method, String pathAndQuery, String authorization, String body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    try {
      HttpResponse<String> response = ingest.send(method, pathAndQuery, headers, body);
      return new Reply(
          response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
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
      throw new AssertionError(
          "addOrUpdateContact answered " + reply.status() + ": " + reply.body());
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
    ingest.close();
  }

  record Reply(int status, JsonNode body) {}
}
