package org.contactpipeline.ingest.marketingcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.marketingcloud.MarketingCloudServer.body;
import static org.contactpipeline.ingest.marketingcloud.MarketingCloudServer.json;
import static org.contactpipeline.ingest.testing.JsonFields.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.contactpipeline.ingest.testing.RefusedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal of the Marketing Cloud catalogue: 400, the failure shape of its endpoint, the
 * rule's result code, and nothing published.
 */
class MarketingCloudRefusalsTest {

  private final MarketingCloudServer mc = new MarketingCloudServer();

  @AfterEach
  void stop() {
    mc.close();
  }

  static List<RefusedRequest> refusals() {
    return MarketingCloudRefusals.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void shouldRefuseInTheEndpointsFailureShapeAndPublishNothing(RefusedRequest refused)
      throws Exception {
    JsonNode body =
        body(
            mc.send(
                refused.method(),
                refused.path(),
                refused.body(),
                refused.authorization().substring("Bearer ".length())),
            refused.status());

    assertThat(fieldNames(body)).containsExactlyElementsOf(failureShapeOf(refused));
    assertThat(body.get("resultMessages")).hasSize(1);
    JsonNode message = body.get("resultMessages").get(0);
    assertThat(message.get("resultType").asText()).isEqualTo("Validation");
    assertThat(message.get("resultClass").asText()).isEqualTo("Error");
    assertThat(message.get("resultCode").asText())
        .as(message.toString())
        .isEqualTo(refused.mustMention());
    assertThat(message.get("message").asText()).isNotBlank();
    if (body.has("operationStatus")) {
      assertThat(body.get("operationStatus").asText()).isEqualTo("FAIL");
      assertThat(body.get("hasErrors").asBoolean()).isTrue();
    } else {
      assertThat(body.get("operationInitiated").asBoolean()).isFalse();
    }
    assertThat(mc.pipeline.published).isEmpty();
  }

  @Test
  void shouldNameEveryRuleOnce() {
    assertThat(MarketingCloudRefusals.all())
        .extracting(RefusedRequest::rule)
        .doesNotHaveDuplicates();
  }

  private static List<String> failureShapeOf(RefusedRequest refused) throws Exception {
    if (refused.path().equals(MarketingCloudRefusals.CONTACTS)) {
      return fieldNames(json(Seed001.RESPONSE));
    }
    if (refused.path().startsWith(MarketingCloudRefusals.DELETE + "?")
        || refused.path().equals(MarketingCloudRefusals.DELETE)) {
      return List.of(
          "operationInitiated", "requestServiceMessageID", "resultMessages", "serviceMessageID");
    }
    return List.of(
        "operationStatus",
        "hasErrors",
        "requestServiceMessageID",
        "resultMessages",
        "serviceMessageID");
  }
}
