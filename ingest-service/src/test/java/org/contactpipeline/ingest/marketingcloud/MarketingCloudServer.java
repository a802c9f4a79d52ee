package org.contactpipeline.ingest.marketingcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  private final HttpClient http = HttpClient.newHttpClient();

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
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ingest.url(path)))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
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

  @Override
  public void close() {
    ingest.close();
  }
}
