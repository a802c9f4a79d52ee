package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.contactpipeline.config.Settings;
import org.contactpipeline.ingest.IngestConfig;
import org.contactpipeline.ingest.IngestService;
import org.contactpipeline.resolver.ResolverConfig;
import org.contactpipeline.resolver.ResolverService;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What callers see while the resolver is away, and that it refuses a partition layout it does not
 * own.
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

  @Test
  void shouldRefuseToStartWhenTheCommandsTopicHasAnotherPartitionCount() {
    LocalStack stack = TestStack.get();
    Settings wrong = stack.services().with(Map.of("commands.partitions", "7"));

    try (ResolverService resolver = new ResolverService(ResolverConfig.from(wrong))) {
      assertThatThrownBy(resolver::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(
              "has " + stack.services().string("commands.partitions") + " partitions")
          .hasMessageContaining("commands.partitions is 7");
    }
  }
}
