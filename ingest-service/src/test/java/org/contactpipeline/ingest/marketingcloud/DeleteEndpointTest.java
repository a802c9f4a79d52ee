package org.contactpipeline.ingest.marketingcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.marketingcloud.ContactReadEndpointsTest.assertFail;
import static org.contactpipeline.ingest.marketingcloud.MarketingCloudServer.body;
import static org.contactpipeline.ingest.marketingcloud.Requests.byKey;
import static org.contactpipeline.ingest.marketingcloud.Requests.deleteBody;
import static org.contactpipeline.ingest.marketingcloud.Requests.emailAddresses;
import static org.contactpipeline.ingest.testing.JsonFields.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /contacts/v1/contacts/actions/delete} and its status, through the real resolver. */
class DeleteEndpointTest {

  private static final String DELETE = "/contacts/v1/contacts/actions/delete";
  private static final String STATUS = "/contacts/v1/contacts/actions/delete/status?operationID=";

  private final MarketingCloudServer mc = new MarketingCloudServer();

  @AfterEach
  void stop() {
    mc.close();
  }

  @Test
  void shouldDeleteByKeysAndAnswerInTheVendorsShape() throws Exception {
    create("k1");
    create("k2");

    JsonNode body = body(mc.post(DELETE + "?type=keys", deleteBody("k1", "k2", "unknown")), 200);

    assertThat(fieldNames(body))
        .containsExactly(
            "operationInitiated",
            "operationID",
            "requestServiceMessageID",
            "resultMessages",
            "serviceMessageID");
    assertThat(body.get("operationInitiated").asBoolean()).isTrue();
    assertThat(body.get("operationID").isIntegralNumber()).isTrue();
    long operationId = body.get("operationID").asLong();
    assertThat(operationId).isPositive().isLessThan(1L << 53);
    assertThat(body.get("resultMessages")).isEmpty();
    assertThat(mc.pipeline.published.subList(2, 5))
        .allSatisfy(
            command -> {
              assertThat(command.getAction()).isEqualTo(CommandAction.DELETE);
              assertThat(command.getRequestId()).isEqualTo(Long.toString(operationId));
              assertThat(command.getItemCount()).isEqualTo(3);
            });
    assertThat(mc.pipeline.store().byKey(new ContactKey("demo", 0, "k1"))).isEmpty();
    assertThat(mc.pipeline.store().byKey(new ContactKey("demo", 0, "k2"))).isEmpty();
  }

  @Test
  void shouldReportACompletedOperationWithItsCountsInTheVendorsShape() throws Exception {
    create("k1");
    long operationId =
        body(mc.post(DELETE + "?type=keys", deleteBody("k1", "unknown")), 200)
            .get("operationID")
            .asLong();

    JsonNode status = body(mc.get(STATUS + operationId), 200);

    assertThat(fieldNames(status))
        .containsExactly(
            "operationMappings",
            "backgroundOperationsSummary",
            "numberofRestorableDays",
            "operation",
            "requestServiceMessageID",
            "responseDateTime",
            "resultMessages",
            "serviceMessageID");
    JsonNode operation = status.get("operation");
    assertThat(operation.get("operationID").asLong()).isEqualTo(operationId);
    assertThat(operation.get("status").asText()).isEqualTo("Completed");
    assertThat(operation.get("deleteType").asText()).isEqualTo("ContactAndAttributes");
    assertThat(operation.get("expectedListCount").asInt()).isEqualTo(2);
    assertThat(operation.get("completedContactCount").asInt()).isEqualTo(2);
    assertThat(operation.get("deletedContactCount").asInt()).isEqualTo(1);
    assertThat(operation.get("notFoundContactCount").asInt()).isEqualTo(1);
    JsonNode phase = status.get("backgroundOperationsSummary").get(0);
    assertThat(phase.get("backgroundOperationID").asLong()).isEqualTo(operationId);
    assertThat(phase.get("backgroundOperationStatusID").asText()).isEqualTo("Completed");
    assertThat(status.get("numberofRestorableDays").asInt()).isZero();
  }

  @Test
  void shouldDeleteByIdsGivenAsNumbersOrDigits() throws Exception {
    long first = create("k1");
    long second = create("k2");

    long operationId =
        body(mc.post(DELETE + "?type=ids", deleteBody(first, Long.toString(second), 999_999L)), 200)
            .get("operationID")
            .asLong();

    assertThat(mc.pipeline.published.subList(2, 5))
        .extracting(command -> command.getContactId())
        .containsExactly(first, second, 999_999L);
    JsonNode operation = body(mc.get(STATUS + operationId), 200).get("operation");
    assertThat(operation.get("deletedContactCount").asInt()).isEqualTo(2);
    assertThat(operation.get("notFoundContactCount").asInt()).isEqualTo(1);
    assertThat(mc.pipeline.store().byId("demo", first)).isEmpty();
    assertThat(mc.pipeline.store().byId("demo", second)).isEmpty();
  }

  @Test
  void shouldReportAnOperationAsProcessingUntilEveryValueIsDecided() throws Exception {
    // Only one of two results recorded so far, as sink-service would show it mid-way.
    mc.pipeline
        .store()
        .recordDelete(
            ContactResult.newBuilder()
                .setRequestId("77")
                .setItemIndex(0)
                .setItemCount(2)
                .setReplyTo(null)
                .setKey(new ContactKey("demo", 0, "k1"))
                .setContactId(3)
                .setStatus(null)
                .setNewContact(false)
                .setResolvedAt(Instant.now())
                .setAction(CommandAction.DELETE)
                .setOutcome(CommandOutcome.DELETED)
                .build());

    JsonNode status = body(mc.get(STATUS + "77"), 200);

    assertThat(status.get("operation").get("status").asText()).isEqualTo("Processing");
    assertThat(status.get("operation").get("completedContactCount").asInt()).isEqualTo(1);
    assertThat(
            status
                .get("backgroundOperationsSummary")
                .get(0)
                .get("backgroundOperationStatusID")
                .asText())
        .isEqualTo("Processing");
  }

  @Test
  void shouldAnswer404ForAnUnknownOperationId() throws Exception {
    assertFail(mc.get(STATUS + "12345"), 404, "OperationNotFound");
  }

  @Test
  void shouldAnswer503KeepingTheOperationIdWhenKafkaDoesNotTakeTheCommands() throws Exception {
    mc.pipeline.refuseCommands = true;

    JsonNode body = body(mc.post(DELETE + "?type=keys", deleteBody("k1")), 503);

    assertThat(body.get("operationInitiated").asBoolean()).isFalse();
    assertThat(body.get("operationID").asLong()).isPositive();
    assertThat(body.get("resultMessages").get(0).get("resultCode").asText())
        .isEqualTo("ServiceUnavailable");
  }

  @Test
  void shouldAnswer504WithAnOperationIdToPollWhenTheResultsAreLate() throws Exception {
    try (MarketingCloudServer silent = new MarketingCloudServer(true)) {
      JsonNode body = body(silent.post(DELETE + "?type=keys", deleteBody("k1")), 504);

      assertThat(body.get("operationInitiated").asBoolean()).isTrue();
      long operationId = body.get("operationID").asLong();
      JsonNode message = body.get("resultMessages").get(0);
      assertThat(message.get("resultCode").asText()).isEqualTo("ResponseTimedOut");
      assertThat(message.get("message").asText()).contains("status?operationID=" + operationId);
    }
  }

  private long create(String key) throws Exception {
    HttpResponse<String> response =
        mc.post("/contacts/v1/contacts", byKey(key, emailAddresses(key + "@example.com")));
    return body(response, 200).get("contactId").asLong();
  }
}
