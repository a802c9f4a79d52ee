package org.contactpipeline.ingest.marketingcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;
import org.contactpipeline.ingest.testing.SilentReplies;
import org.contactpipeline.ingest.testing.TestIngest;
import org.contactpipeline.ingest.testing.TopologyPipeline;

/**
 * The Marketing Cloud API of a {@link TestIngest} (wired as IngestService wires it, the real
 * resolver topology behind it) and an HTTP client that speaks as tenant {@code demo} unless told
 * otherwise.
 */
final class MarketingCloudServer implements AutoCloseable {

  static final String DEMO = "demo-token";
  static final String OTHER = "other-token";

  /** The limits of IngestConfig's defaults, which the refusal catalogue assumes. */
  static final int MAX_ITEMS = MarketingCloudRefusals.MAX_ITEMS;

  static final int MAX_KEY_LENGTH = MarketingCloudRefusals.MAX_KEY_LENGTH;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestIngest ingest;
  final TopologyPipeline pipeline;

  MarketingCloudServer() {
    this(false);
  }

  /**
   * @param resultsNeverArrive when true, commands are accepted but no response ever comes back
   */
  MarketingCloudServer(boolean resultsNeverArrive) {
    this(resultsNeverArrive ? new SilentReplies() : null);
  }

  /**
   * With responses from {@code replies} instead of the pipeline, waited for {@link
   * TestIngest#QUICK_TIMEOUT}.
   */
  MarketingCloudServer(ResponseWaiter replies) {
    ingest =
        new TestIngest(
            replies,
            Map.of(
                "marketing-cloud.establish-max-keys",
                Integer.toString(MAX_ITEMS),
                "marketing-cloud.max-values",
                Integer.toString(MAX_ITEMS),
                "marketing-cloud.max-key-length",
                Integer.toString(MAX_KEY_LENGTH)));
    pipeline = ingest.pipeline;
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
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    return ingest.send(method, path, headers, body);
  }

  static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }

  /** The body of a response that must have this status. */
  static JsonNode body(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return json(response.body());
  }

  @Override
  public void close() {
    ingest.close();
  }
}
