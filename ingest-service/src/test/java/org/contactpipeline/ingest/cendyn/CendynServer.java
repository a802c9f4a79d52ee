package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;
import org.contactpipeline.ingest.testing.TestIngest;
import org.contactpipeline.ingest.testing.TopologyPipeline;

/**
 * The Cendyn API of a {@link TestIngest} (the real resolver topology behind it) and a client that
 * speaks to it the way Cendyn's reference does ({@code Authorization: Token token=...}). Tenants:
 * {@code demo} ({@code demo-token}) and {@code other} ({@code other-token}).
 */
final class CendynServer implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  private final TestIngest ingest;
  final TopologyPipeline pipeline;

  CendynServer() {
    this(null);
  }

  /**
   * With {@code replies} set, responses come from it instead of the pipeline (to test timeouts).
   */
  CendynServer(ResponseWaiter replies) {
    ingest = new TestIngest(replies, Map.of());
    pipeline = ingest.pipeline;
  }

  HttpResponse<String> create(String body) throws Exception {
    return post("/v2/account/demo/contact/", body, "Token token=demo-token");
  }

  HttpResponse<String> post(String path, String body, String authorization) throws Exception {
    Map<String, String> headers = headers(authorization);
    headers.put("Content-Type", "application/json");
    return ingest.send("POST", path, headers, body);
  }

  /** The URL of {@code path} on this server. */
  String url(String path) {
    return ingest.url(path);
  }

  /** {@code GET /v2/account/demo/contact/?query} as demo. */
  HttpResponse<String> list(String query) throws Exception {
    return get(
        "/v2/account/demo/contact/" + (query.isEmpty() ? "" : "?" + query),
        "Token token=demo-token");
  }

  HttpResponse<String> get(String path, String authorization) throws Exception {
    return ingest.send("GET", path, headers(authorization), null);
  }

  private static Map<String, String> headers(String authorization) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    return headers;
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Override
  public void close() {
    ingest.close();
  }
}
