package org.contactpipeline.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.CommandOutcome;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactJob;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResult;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.schemas.avro.JobKind;
import org.junit.jupiter.api.Test;

class JobResponsesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldRenderAnIvvyBatchAsItsResultsWithEachRequestEchoed() throws Exception {
    ContactJob job =
        job(
            JobKind.IVVY_BATCH,
            List.of(
                "{\"namespace\":\"contact\",\"action\":\"addOrUpdateContact\",\"params\":{\"firstName\":\"Ann\",\"lastName\":\"Lee\",\"email\":\"ann@example.com\"}}",
                "{\"namespace\":\"contact\",\"action\":\"getContact\",\"params\":{\"id\":12}}",
                "{\"namespace\":\"contact\",\"action\":\"getContact\",\"params\":{\"id\":99}}",
                "{\"namespace\":\"contact\",\"action\":\"addOrUpdateContact\",\"params\":{\"id\":98,\"firstName\":\"X\"}}"),
            List.of());

    JsonNode body =
        JSON.readTree(
            JobResponses.render(
                job,
                List.of(
                    resolved(0, 12, "ann@example.com", data("Ann", "ann@example.com")),
                    resolved(1, 12, "", data("Ann", "ann@example.com")),
                    notFound(2, 99),
                    notFound(3, 98))));

    assertThat(body.get("asyncId").asText()).isEqualTo("job-1");
    assertThat(body.get("results")).hasSize(4);
    JsonNode added = body.get("results").get(0);
    assertThat(added.get("namespace").asText()).isEqualTo("contact");
    assertThat(added.get("action").asText()).isEqualTo("addOrUpdateContact");
    assertThat(added.get("request").get("email").asText()).isEqualTo("ann@example.com");
    assertThat(added.get("response").toString()).isEqualTo("{\"success\":true,\"id\":12}");
    JsonNode got = body.get("results").get(1).get("response");
    assertThat(got.get("id").asText()).isEqualTo("12");
    assertThat(got.get("firstName").asText()).isEqualTo("Ann");
    assertThat(got.get("email").asText()).isEqualTo("ann@example.com");
    assertThat(body.get("results").get(2).get("response").toString())
        .isEqualTo(
            "{\"errorCode\":404,\"message\":\"Unable to find contact\",\"specificCode\":24096}");
    assertThat(body.get("results").get(3).get("response").toString())
        .isEqualTo("{\"success\":false,\"message\":\"Unable to find contact with id 98\"}");
  }

  @Test
  void shouldRenderACendynBulkAsItsWebhookWithDefaultAndExtraFields() throws Exception {
    ContactJob job = job(JobKind.CENDYN_CREATE_BULK, List.of(), List.of("name_first", "tags"));
    ContactData ann = data("Ann", "ann@example.com");
    ann.setTags(List.of("vip"));
    ContactResult refused =
        ContactResult.newBuilder(resolved(1, 0, "bob@example.com", null))
            .setOutcome(CommandOutcome.REJECTED)
            .setStatus(null)
            .setMessage("a contact with key 'bob@example.com' already exists (ID 7)")
            .build();

    JsonNode body =
        JSON.readTree(
            JobResponses.render(job, List.of(resolved(0, 12, "ann@example.com", ann), refused)));

    assertThat(body.get("account_id").asText()).isEqualTo("demo");
    assertThat(body.get("contacts_valid_count").asInt()).isEqualTo(1);
    assertThat(body.get("contacts_failed_count").asInt()).isEqualTo(1);
    assertThat(body.get("valid_contacts").get(0).toString())
        .isEqualTo(
            "{\"_id\":\"12\",\"user_id\":null,\"email\":\"ann@example.com\","
                + "\"phone_countrycode\":null,\"phone_number\":null,\"name_first\":\"Ann\",\"tags\":[\"vip\"]}");
    assertThat(body.get("failed_contacts").get(0).toString())
        .isEqualTo(
            "{\"contact\":{\"email\":\"bob@example.com\"},"
                + "\"errors\":[\"a contact with key 'bob@example.com' already exists (ID 7)\"]}");
  }

  private static ContactJob job(JobKind kind, List<String> requests, List<String> fields) {
    return ContactJob.newBuilder()
        .setJobId("job-1")
        .setTenant("demo")
        .setKind(kind)
        .setItemCount(Math.max(requests.size(), 2))
        .setAcceptedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .setRequests(requests)
        .setResponseFields(fields)
        .build();
  }

  private static ContactData data(String firstName, String email) {
    return ContactData.newBuilder().setFirstName(firstName).setEmail(email).build();
  }

  private static ContactResult resolved(int index, long contactId, String key, ContactData data) {
    return ContactResult.newBuilder()
        .setRequestId("job-1")
        .setItemIndex(index)
        .setItemCount(4)
        .setKey(new ContactKey("demo", 0, key))
        .setContactId(contactId)
        .setStatus(ContactStatus.ACTIVE)
        .setNewContact(false)
        .setResolvedAt(Instant.parse("2026-01-01T00:00:01Z"))
        .setAction(CommandAction.UPSERT)
        .setOutcome(CommandOutcome.RESOLVED)
        .setData(data)
        .setJob(true)
        .build();
  }

  private static ContactResult notFound(int index, long contactId) {
    return ContactResult.newBuilder(resolved(index, contactId, "", null))
        .setOutcome(CommandOutcome.NOT_FOUND)
        .setStatus(null)
        .setAction(CommandAction.UPDATE)
        .setMessage("no contact has ID " + contactId)
        .build();
  }
}
