package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.pipeline.MarketingCloudContactsIT.EVENTUALLY;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 3 for iVvy on the real broker and database: seed 003's add example answers success with the
 * new contact's id, an update by id replaces the groups and sets external URLs, getContact and
 * getContactList (externalId and modified-date filters, paging) show it, and once Marketing Cloud
 * deletes it by id, iVvy no longer finds or lists it. Emails and external ids are new on each run.
 */
@Timeout(180)
class IvvyContactsIT {

  private static final String CONTACT = "/api/1.0/contact?action=";
  private static final DateTimeFormatter IVVY_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private static Api api;

  @BeforeAll
  static void stack() {
    LocalStack stack = TestStack.get();
    api = new Api(stack.httpUrl(), "demo-token");
  }

  @Test
  void shouldAddTheSeedsExampleContactAndAnswerSuccessWithItsId() {
    String email = freshEmail();

    Api.Reply reply =
        api.post(CONTACT + "addOrUpdateContact", seedAdd(email, "ext-" + UUID.randomUUID()));

    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
    assertThat(reply.fieldNames()).containsExactly("success", "id");
    assertThat(reply.body().get("success").asBoolean()).isTrue();
    assertThat(reply.body().get("id").isIntegralNumber()).isTrue();
    long id = reply.body().get("id").asLong();
    JsonNode contact = getContact(id, found -> true);
    assertThat(contact.get("id").asText()).isEqualTo(Long.toString(id));
    assertThat(contact.get("firstName").asText()).isEqualTo("Bobby");
    assertThat(contact.get("email").asText()).isEqualTo(email);
    assertThat(contact.get("groups").findValuesAsText("groupId")).containsExactly("10");
    assertThat(contact.get("customFields").get(0).get("fieldId").asText()).isEqualTo("33443");
    assertThat(contact.get("customFields").get(0).get("value").asText()).isEqualTo("No");
    assertThat(contact.get("companies")).extracting(JsonNode::asLong).containsExactly(4L, 5L);
  }

  @Test
  void shouldUpdateByIdThenGetAndListTheContactUntilMarketingCloudDeletesIt() {
    String externalId = "ext-" + UUID.randomUUID();
    long id = addOrUpdate(seedAdd(freshEmail(), externalId));
    // A second contact with the same external id, so the filtered list has something to page
    // through.
    long twin = addOrUpdate(seedAdd(freshEmail(), externalId));

    long updated =
        addOrUpdate(
            "{\"id\":"
                + id
                + ",\"groups\":[{\"groupId\":3}],\"externalUrls\":[{\"ref\":\"crm\","
                + "\"url\":\"https://crm.example.com/"
                + id
                + "\",\"label\":\"CRM\"}]}");

    assertThat(updated).isEqualTo(id);
    JsonNode contact =
        getContact(
            id, found -> found.get("groups").findValuesAsText("groupId").equals(List.of("3")));
    assertThat(contact.get("groups").get(0).get("contactId").asText()).isEqualTo(Long.toString(id));
    assertThat(contact.get("firstName").asText())
        .as("what the update omits stays")
        .isEqualTo("Bobby");
    assertThat(contact.get("externalUrls")).hasSize(1);
    assertThat(contact.get("externalUrls").get(0).get("ref").asText()).isEqualTo("crm");
    assertThat(contact.get("externalUrls").get(0).get("url").asText())
        .isEqualTo("https://crm.example.com/" + id);
    assertThat(contact.get("externalUrls").get(0).get("label").asText()).isEqualTo("CRM");

    String byExternalId = "\"filter\":{\"externalId\":\"" + externalId + "\"}";
    JsonNode both =
        Poll.until(
            EVENTUALLY, () -> list("{" + byExternalId + "}"), found -> ids(found).size() == 2);
    assertThat(both.get("meta").get("totalResults").asLong()).isEqualTo(2);
    List<Long> inIdOrder = List.of(Math.min(id, twin), Math.max(id, twin));
    assertThat(ids(both)).isEqualTo(inIdOrder);
    assertThat(ids(list("{\"perPage\":1,\"start\":0," + byExternalId + "}")))
        .containsExactly(inIdOrder.get(0));
    JsonNode secondPage = list("{\"perPage\":1,\"start\":1," + byExternalId + "}");
    assertThat(ids(secondPage)).containsExactly(inIdOrder.get(1));
    assertThat(secondPage.get("meta").get("totalResults").asLong()).isEqualTo(2);
    assertThat(secondPage.get("meta").get("count").asInt()).isEqualTo(1);

    String modified = contact.get("modifiedDate").asText();
    String next =
        LocalDateTime.parse(modified, IVVY_TIMESTAMP).plusSeconds(1).format(IVVY_TIMESTAMP);
    JsonNode sameSecond =
        list(
            "{\"filter\":{\"externalId\":\""
                + externalId
                + "\",\"fromModifiedDate\":\""
                + modified
                + "\",\"toModifiedDate\":\""
                + modified
                + "\"}}");
    assertThat(ids(sameSecond)).contains(id);
    assertThat(sameSecond.get("results").findValuesAsText("modifiedDate")).containsOnly(modified);
    assertThat(
            ids(
                list(
                    "{\"filter\":{\"externalId\":\""
                        + externalId
                        + "\",\"fromModifiedDate\":\""
                        + next
                        + "\"}}")))
        .as("nothing of this run changed after the update")
        .isEmpty();

    MarketingCloudContactsIT.deleteAndCheck(api, "ids", List.of(id));

    Api.Reply gone =
        Poll.until(
            EVENTUALLY,
            () -> api.post(CONTACT + "getContact", "{\"id\":" + id + "}"),
            reply -> reply.status() != 200);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body().get("errorCode").asInt()).isEqualTo(404);
    assertThat(gone.body().get("message").asText()).isEqualTo("Unable to find contact");
    assertThat(gone.body().get("specificCode").asInt()).isEqualTo(24096);
    assertThat(ids(list("{" + byExternalId + "}"))).containsExactly(twin);
  }

  /**
   * Seed 003's "Adding a contact" example with what an add needs: the vendor prints it with the
   * update example's {@code id}, which would make it an update of contact 33884, and without the
   * {@code lastName} and {@code email} the reference requires when {@code id} is missing.
   */
  private static String seedAdd(String email, String externalId) {
    return """
        {
          "firstName": "Bobby",
          "lastName": "Tables",
          "email": "%s",
          "externalId": "%s",
          "groups": [
            {
              "groupId": 10
            }
          ],
          "customFields": [
            {
              "fieldId": 33443,
              "value": "No"
            }
          ],
          "companies": [
            4,
            5
          ]
        }"""
        .formatted(email, externalId);
  }

  private static String freshEmail() {
    return "bobby-" + UUID.randomUUID() + "@example.com";
  }

  private static long addOrUpdate(String body) {
    Api.Reply reply = api.post(CONTACT + "addOrUpdateContact", body);
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
    assertThat(reply.body().get("success").asBoolean()).isTrue();
    return reply.body().get("id").asLong();
  }

  /**
   * The contact as getContact shows it once it satisfies {@code done}, polled as the sink catches
   * up.
   */
  private static JsonNode getContact(long id, Predicate<JsonNode> done) {
    return Poll.until(
            EVENTUALLY,
            () -> api.post(CONTACT + "getContact", "{\"id\":" + id + "}"),
            reply -> reply.status() == 200 && done.test(reply.body()))
        .body();
  }

  private static JsonNode list(String body) {
    Api.Reply reply = api.post(CONTACT + "getContactList", body);
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
    return reply.body();
  }

  private static List<Long> ids(JsonNode list) {
    List<Long> ids = new ArrayList<>();
    list.get("results").forEach(contact -> ids.add(contact.get("id").asLong()));
    return ids;
  }
}
