package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.contactpipeline.ingest.marketingcloud.Seed001;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 3 for Marketing Cloud on the real broker and database: seed 001's example request gets the
 * seed's response shape, and a contact goes through create, update, lookup by key and by ID, email
 * search and delete (by keys and by IDs) until neither the API nor PostgreSQL knows it. Every
 * contact key is new on each run, so reruns in one JVM stay independent.
 */
@Timeout(180)
class MarketingCloudContactsIT {

  /**
   * Reads are eventually consistent: the sink writes PostgreSQL shortly after the resolver answers.
   */
  static final Duration EVENTUALLY = Duration.ofSeconds(30);

  private static final String CONTACTS = "/contacts/v1/contacts";
  private static final String SEARCH = "/contacts/v1/addresses/email/search";

  private static LocalStack stack;
  private static Api api;

  @BeforeAll
  static void stack() {
    stack = TestStack.get();
    api = new Api(stack.httpUrl(), "demo-token");
  }

  @Test
  void shouldAnswerTheSeedsExampleRequestWithExactlyTheSeedsResponseFields() {
    String key = freshAddress();

    Api.Reply reply = api.post(CONTACTS, seedRequestFor(key));

    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
    JsonNode seed = json(Seed001.RESPONSE);
    assertThat(reply.fieldNames())
        .containsExactly(
            "operationStatus",
            "rowsAffetcted",
            "contactKey",
            "contactId",
            "contactTypeID",
            "isNewContactKey",
            "requestServiceMessageID",
            "hasErrors",
            "resultMessages",
            "serviceMessageID");
    seed.fieldNames()
        .forEachRemaining(
            name ->
                assertThat(reply.body().get(name).getNodeType())
                    .as(name)
                    .isEqualTo(seed.get(name).getNodeType()));
    JsonNode body = reply.body();
    assertThat(body.get("operationStatus").asText()).isEqualTo("OK");
    assertThat(body.get("rowsAffetcted").asInt()).isEqualTo(1);
    assertThat(body.get("contactKey").asText()).isEqualTo(key);
    assertThat(body.get("contactId").isIntegralNumber()).isTrue();
    assertThat(body.get("contactId").asLong()).isPositive();
    assertThat(body.get("contactTypeID").asInt()).isZero();
    assertThat(body.get("isNewContactKey").asBoolean()).isTrue();
    assertThat(body.get("hasErrors").asBoolean()).isFalse();
    assertThat(body.get("resultMessages")).isEmpty();
    UUID requestId = UUID.fromString(body.get("requestServiceMessageID").asText());
    assertThat(UUID.fromString(body.get("serviceMessageID").asText())).isNotEqualTo(requestId);

    ContactsTable table = new ContactsTable(stack.services());
    ContactsTable.Row row =
        Poll.until(EVENTUALLY, () -> table.rowsOf("demo", 0), rows -> rows.containsKey(key))
            .get(key);
    assertThat(row.contactId()).isEqualTo(body.get("contactId").asLong());
  }

  @Test
  void shouldCreateUpdateLookUpFindAndDeleteAContactByKeyUntilNothingKnowsIt() {
    String key = freshAddress();
    long id = create(seedRequestFor(key));

    // The shape of the vendor's update example: Email Demographics only together with Email
    // Addresses.
    Api.Reply patched =
        api.patch(
            CONTACTS,
            """
        {"contactKey": "%s",
         "attributeSets": [
           {"name": "Email Addresses", "items": [{"values": [
             {"name": "Email Address", "value": "%s"}, {"name": "HTML Enabled", "value": "true"}]}]},
           {"name": "Email Demographics", "items": [{"values": [{"name": "First Name", "value": "Angie"}]}]}]}
        """
                .formatted(key, key));
    assertThat(patched.status()).as(String.valueOf(patched.body())).isEqualTo(200);
    assertThat(patched.body().get("contactId").asLong()).isEqualTo(id);
    assertThat(patched.body().get("isNewContactKey").asBoolean()).isFalse();

    for (String reference : List.of("key:" + key, "id:" + id)) {
      Api.Reply contact =
          Poll.until(
              EVENTUALLY,
              () -> api.get(CONTACTS + "/" + reference),
              reply -> reply.status() == 200 && demographics(reply.body()).contains("Angie"));
      assertThat(contact.body().get("contactKey").asText()).as(reference).isEqualTo(key);
      assertThat(contact.body().get("contactId").asLong()).as(reference).isEqualTo(id);
      assertThat(demographics(contact.body()))
          .as("the patch keeps what it does not name")
          .contains("Angie", "Cruz")
          .doesNotContain("Angela");
    }
    assertThat(keysWithEmail(key)).containsExactly(key);

    JsonNode operation = deleteAndCheck(api, "keys", List.of(key));
    assertThat(operation.get("deletedContactCount").asInt()).isEqualTo(1);
    assertThat(operation.get("notFoundContactCount").asInt()).isZero();

    for (String reference : List.of("key:" + key, "id:" + id)) {
      Api.Reply gone = api.get(CONTACTS + "/" + reference);
      assertThat(gone.status()).as(reference).isEqualTo(404);
      assertThat(gone.body().get("resultMessages").get(0).get("resultCode").asText())
          .isEqualTo("ContactNotFound");
    }
    assertThat(keysWithEmail(key)).isEmpty();
    assertThat(new ContactsTable(stack.services()).rowsOf("demo", 0)).doesNotContainKey(key);
  }

  @Test
  void shouldDeleteByIdsOnlyTheCallersContactsAndCountAnotherTenantsIdAsNotFound() {
    String first = freshAddress();
    String second = freshAddress();
    long firstId = create(seedRequestFor(first));
    long secondId = create(seedRequestFor(second));
    Api acme = new Api(stack.httpUrl(), "acme-token");
    String acmeKey = freshAddress();
    Api.Reply acmeContact = acme.post(CONTACTS, seedRequestFor(acmeKey));
    assertThat(acmeContact.status()).as(String.valueOf(acmeContact.body())).isEqualTo(200);
    long acmeId = acmeContact.body().get("contactId").asLong();

    JsonNode operation = deleteAndCheck(api, "ids", List.of(firstId, secondId, acmeId));

    assertThat(operation.get("expectedListCount").asInt()).isEqualTo(3);
    assertThat(operation.get("deletedContactCount").asInt()).isEqualTo(2);
    assertThat(operation.get("notFoundContactCount").asInt()).isEqualTo(1);
    for (long id : new long[] {firstId, secondId}) {
      assertThat(api.get(CONTACTS + "/id:" + id).status())
          .as("contact %d, right after the delete answered", id)
          .isEqualTo(404);
    }
    ContactsTable table = new ContactsTable(stack.services());
    assertThat(table.rowsOf("demo", 0)).doesNotContainKeys(first, second);
    assertThat(acme.get(CONTACTS + "/id:" + acmeId).status())
        .as("acme's contact stays")
        .isEqualTo(200);
    assertThat(table.rowsOf("acme", 0)).containsKey(acmeKey);
  }

  @Test
  void shouldDescribeTheAttributeSetsTheSeedUses() {
    Api.Reply reply = api.get("/contacts/v1/attributeSetDefinitions");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.fieldNames())
        .containsExactly(
            "page",
            "pageSize",
            "count",
            "items",
            "links",
            "requestServiceMessageID",
            "resultMessages",
            "serviceMessageID");
    List<String> names = new ArrayList<>();
    reply.body().get("items").forEach(set -> names.add(set.get("name").get("value").asText()));
    assertThat(reply.body().get("count").asInt()).isEqualTo(7);
    assertThat(names)
        .containsExactly(
            "Email Addresses",
            "Email Demographics",
            "MobileConnect Demographics",
            "MobilePush Demographics",
            "GroupConnect LINE Addresses",
            "GroupConnect LINE Subscriptions",
            "GroupConnect LINE Demographics");
    assertThat(reply.body().get("items").get(0).get("attributes").findValuesAsText("key"))
        .contains("HTMLEnabled");
  }

  /**
   * Deletes through Marketing Cloud ({@code type} {@code keys} or {@code ids}) and reads the
   * operation's status at once: the delete answers only when the operation is recorded, so the
   * first poll must already say Completed. Returns the status's {@code operation}.
   */
  static JsonNode deleteAndCheck(Api api, String type, List<?> values) {
    Api.Reply delete = api.deleteContacts(type, values);
    assertThat(delete.status()).as(String.valueOf(delete.body())).isEqualTo(200);
    assertThat(delete.body().get("operationInitiated").asBoolean()).isTrue();
    long operationId = delete.body().get("operationID").asLong();
    Api.Reply status = api.get(CONTACTS + "/actions/delete/status?operationID=" + operationId);
    assertThat(status.status()).as(String.valueOf(status.body())).isEqualTo(200);
    assertThat(status.body().get("operation").get("status").asText()).isEqualTo("Completed");
    assertThat(
            status
                .body()
                .get("backgroundOperationsSummary")
                .get(0)
                .get("backgroundOperationStatusID")
                .asText())
        .isEqualTo("Completed");
    return status.body().get("operation");
  }

  /** An address no earlier run used: the seed's key and email at once. */
  static String freshAddress() {
    return "acruz-" + UUID.randomUUID() + "@example.com";
  }

  private static String seedRequestFor(String address) {
    return Seed001.REQUEST.replace("acruz@example.com", address);
  }

  private static long create(String body) {
    Api.Reply reply = api.post(CONTACTS, body);
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
    return reply.body().get("contactId").asLong();
  }

  private static List<String> keysWithEmail(String email) {
    Api.Reply reply =
        api.post(SEARCH, "{\"ChannelAddressList\":[\"" + email + "\"],\"MaximumCount\":5}");
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
    return reply.body().findValuesAsText("contactKey");
  }

  private static List<String> demographics(JsonNode contact) {
    for (JsonNode set : contact.get("attributeSets")) {
      if (set.get("name").asText().equals("Email Demographics")) {
        return set.findValuesAsText("value");
      }
    }
    return List.of();
  }

  private static JsonNode json(String text) {
    try {
      return Api.JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
