package org.contactpipeline.ingest.ivvy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.contactpipeline.ingest.testing.RefusedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal of the iVvy catalogue: iVvy's error shape and code, and nothing published. */
class IvvyRefusalsTest {

  private final IvvyServer server = new IvvyServer();

  @AfterEach
  void stop() {
    server.close();
  }

  static List<RefusedRequest> refusals() {
    return IvvyRefusals.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void shouldRefuseWithIvvysErrorAndPublishNothing(RefusedRequest refused) {
    IvvyServer.Reply reply =
        server.send(refused.method(), refused.path(), refused.authorization(), refused.body());

    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(refused.status());
    assertThat(reply.body().toString()).contains(refused.mustMention());
    JsonNode error = reply.body();
    assertThat(error.get("errorCode").asInt()).isEqualTo(refused.status());
    assertThat(error.get("message").asText()).isNotBlank();
    String message = error.get("message").asText();
    if (message.endsWith("' is required")) {
      assertThat(error.get("specificCode").asInt()).isEqualTo(23017);
    } else if (message.endsWith("' does not validate")) {
      assertThat(error.get("specificCode").asInt()).isEqualTo(23016);
      assertThat(error.get("additionalMessages")).isNotEmpty();
    }
    assertThat(server.pipeline.published).isEmpty();
    assertThat(server.pipeline.publishedJobs).isEmpty();
  }

  @Test
  void shouldNameEveryRuleOnce() {
    assertThat(IvvyRefusals.all()).extracting(RefusedRequest::rule).doesNotHaveDuplicates();
  }
}
