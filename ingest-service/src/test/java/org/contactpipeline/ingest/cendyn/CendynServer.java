package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  private final HttpClient http = HttpClient.newHttpClient();

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
    HttpRequest.Builder request =
        request(path, authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET /v2/account/demo/contact/?query} as demo. */
  HttpResponse<String> list(String query) throws Exception {
    return get(
        "/v2/account/demo/contact/" + (query.isEmpty() ? "" : "?" + query),
        "Token token=demo-token");
  }

  HttpResponse<String> get(String path, String authorization) throws Exception {
    return http.send(
        request(path, authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ingest.url(path))).header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Override
  public void close() {
    ingest.close();
  }
}
