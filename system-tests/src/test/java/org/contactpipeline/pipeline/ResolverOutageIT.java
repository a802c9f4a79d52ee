package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.IngestService;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What HTTP callers see while the resolver is away: ingest reports unhealthy and times out naming
 * the request, and the request it accepted meanwhile is resolved once the resolver is back. The
 * resolver's own broker tests (restart, kill, corrupted state, partition-count guard) live in
 * resolver-streams.
 */
@Timeout(180)
class ResolverOutageIT {

  @Test
  void shouldReportUnhealthyAndTimeOutNamingTheRequestWhileTheResolverIsDownThenEstablishIt()
      throws Exception {
    LocalStack stack = TestStack.get();
    Api api = new Api(stack.httpUrl(), "demo-token");
    List<String> keys = EstablishIT.keys("outage", 1);
    IngestConfig quick =
        IngestConfig.from(stack.services().with(Map.of("pipeline.response-timeout-ms", "1500")));

    stack.resolver().close();
    JsonNode timedOut;
    try (IngestService impatient =
        new IngestService(quick.withInstance(0, "ingest-outage"), stack.healthChecks())) {
      impatient.start();
      Api.Reply health = api.get("/health");
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.body().get("checks").get("resolver-streams").get("ready").asBoolean())
          .isFalse();

      Api.Reply reply =
          new Api("http://localhost:" + impatient.port(), "demo-token")
              .establish(Api.jsonKeys(keys));
      assertThat(reply.status()).isEqualTo(504);
      timedOut = reply.body().get(0);
    } finally {
      stack.resolver().start();
    }
    String requestId = timedOut.get("requestServiceMessageID").asText();
    assertThat(timedOut.get("resultMessages").get(0).get("resultCode").asText())
        .isEqualTo("ResponseTimedOut");
    assertThat(timedOut.get("resultMessages").get(0).get("message").asText()).contains(requestId);

    // The timed-out request was accepted: once the resolver is back, its contact exists already.
    JsonNode again =
        Poll.until(
                Duration.ofSeconds(60),
                () ->
                    api.establish(
                        "{\"contactKeys\":"
                            + EstablishIT.toJsonArray(keys)
                            + ",\"includeNewContactAwareness\":true}"),
                reply -> reply.status() == 200)
            .body()
            .get(0)
            .get("items")
            .get(0)
            .get("value");
    assertThat(again.get("isNewContact").asBoolean()).isFalse();
    Poll.until(Duration.ofSeconds(60), () -> api.get("/health"), reply -> reply.status() == 200);
  }
}
