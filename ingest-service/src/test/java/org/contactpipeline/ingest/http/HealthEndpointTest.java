package org.contactpipeline.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.contactpipeline.health.HealthCheck;
import org.contactpipeline.health.HealthStatus;
import org.contactpipeline.ingest.IngestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Supervisors restart on {@code /health/live} and route on {@code /health/ready}; the two must
 * differ.
 */
@Timeout(30)
class HealthEndpointTest {

  private final AtomicBoolean brokerUp = new AtomicBoolean(true);
  private final AtomicBoolean listenerAlive = new AtomicBoolean(true);
  private final HttpClient http = HttpClient.newHttpClient();
  private Javalin server;

  @BeforeEach
  void start() {
    HealthCheck broker =
        HealthCheck.of(
            "kafka",
            () -> brokerUp.get() ? HealthStatus.up("up") : HealthStatus.down("unreachable"));
    HealthCheck listener =
        HealthCheck.of(
            "reply-listener",
            () ->
                listenerAlive.get()
                    ? HealthStatus.up("listening")
                    : HealthStatus.down("not listening"));
    server =
        IngestApp.create(
                0,
                JsonMappers.vendorJson(),
                new HealthEndpoint(List.of(broker, listener), List.of(listener)),
                List.of())
            .start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void shouldStayLiveButNotReadyWhileTheBrokerIsAway() throws Exception {
    brokerUp.set(false);

    assertThat(status("/health/live")).isEqualTo(200);
    assertThat(status("/health/ready")).isEqualTo(503);
    assertThat(status("/health")).isEqualTo(503);
  }

  @Test
  void shouldBeNeitherLiveNorReadyWhenTheReplyListenerDied() throws Exception {
    listenerAlive.set(false);

    assertThat(status("/health/live")).isEqualTo(503);
    assertThat(status("/health/ready")).isEqualTo(503);
  }

  @Test
  void shouldAnswer200OnAllThreeWhenEverythingHolds() throws Exception {
    assertThat(List.of(status("/health/live"), status("/health/ready"), status("/health")))
        .containsOnly(200);
  }

  private int status(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
