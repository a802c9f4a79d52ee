package org.contactpipeline.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HealthServerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldAnswerLiveAndReadySeparatelyWithEachChecksDetail() throws Exception {
    AtomicBoolean running = new AtomicBoolean(false);
    HealthCheck alive = HealthCheck.of("resolver-streams", () -> HealthStatus.up("REBALANCING"));
    HealthCheck ready =
        HealthCheck.of(
            "resolver-streams",
            () ->
                running.get()
                    ? HealthStatus.up("RUNNING")
                    : HealthStatus.down("REBALANCING \"quoted\""));
    try (HealthServer server = HealthServer.start(0, List.of(alive), List.of(ready))) {
      assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> notReady = get(server, "/health/ready");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body())
          .isEqualTo(
              "{\"status\":\"DOWN\",\"checks\":{\"resolver-streams\":{\"ready\":false,\"detail\":\"REBALANCING \\\"quoted\\\"\"}}}");
      assertThat(get(server, "/health").statusCode()).isEqualTo(503);

      running.set(true);

      assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
      assertThat(get(server, "/health").statusCode()).isEqualTo(200);
      assertThat(get(server, "/health/other").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void shouldCountACheckThatThrowsAsDown() throws Exception {
    HealthCheck broken =
        HealthCheck.of(
            "database",
            () -> {
              throw new IllegalStateException("boom");
            });
    try (HealthServer server = HealthServer.start(0, List.of(broken), List.of(broken))) {
      assertThat(get(server, "/health/live").statusCode()).isEqualTo(503);
    }
  }

  private HttpResponse<String> get(HealthServer server, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
