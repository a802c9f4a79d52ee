package org.contactpipeline.ingest.ivvy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.testing.JsonFields.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code getContactList}: offset paging, modified-date and externalId filters, one tenant at a
 * time.
 */
class GetContactListTest {

  private final IvvyServer server = new IvvyServer();

  @BeforeEach
  void contacts() {
    // Contacts 1..5 of demo modified a day apart at 10:00:00.500 UTC, plus one of another tenant.
    for (int i = 1; i <= 5; i++) {
      put(
          "demo",
          i,
          "c" + i + "@example.com",
          "ext-" + (i % 2),
          Instant.parse("2024-01-0" + i + "T10:00:00.500Z"));
    }
    put("other", 6, "c1@example.com", "ext-1", Instant.parse("2024-01-01T10:00:00Z"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldListTheTenantsContactsAsACollectionWithDefaultPaging() {
    JsonNode list = list("{}");

    assertThat(fieldNames(list)).containsExactly("meta", "results");
    assertThat(fieldNames(list.get("meta")))
        .containsExactly("totalResults", "start", "perPage", "count");
    assertMeta(list, 5, 0, GetContactListEndpoint.DEFAULT_PER_PAGE, 5);
    assertThat(ids(list)).containsExactly("1", "2", "3", "4", "5");
    assertThat(list.get("results").get(0).get("modifiedDate").asText())
        .isEqualTo("2024-01-01 10:00:00");
  }

  @Test
  void shouldPageByZeroBasedRecordOffset() {
    JsonNode second = list("{\"perPage\":2,\"start\":2}");
    JsonNode last = list("{\"perPage\":\"2\",\"start\":\"4\"}");
    JsonNode beyond = list("{\"perPage\":2,\"start\":10}");

    assertMeta(second, 5, 2, 2, 2);
    assertThat(ids(second)).containsExactly("3", "4");
    assertMeta(last, 5, 4, 2, 1);
    assertThat(ids(last)).containsExactly("5");
    assertMeta(beyond, 5, 10, 2, 0);
  }

  @Test
  void shouldCapPerPageInsteadOfRefusingIt() {
    assertMeta(list("{\"perPage\":5000}"), 5, 0, GetContactListEndpoint.MAX_PER_PAGE, 5);
  }

  @Test
  void shouldFilterByModifiedDatesIncludingTheWholeSecondAtEitherEnd() {
    JsonNode between =
        list(
            "{\"filter\":{\"fromModifiedDate\":\"2024-01-02 10:00:00\","
                + "\"toModifiedDate\":\"2024-01-04 10:00:00\"}}");
    JsonNode from = list("{\"filter\":{\"fromModifiedDate\":\"2024-01-04 10:00:01\"}}");
    JsonNode until = list("{\"filter\":{\"toModifiedDate\":\"2024-1-2 9:59:59\"}}");
    JsonNode sdkStyle = list("{\"filter\":{\"fromModifiedDate\":\"2024-01-05 00:00:00 UTC\"}}");

    assertThat(ids(between)).containsExactly("2", "3", "4");
    assertMeta(between, 3, 0, GetContactListEndpoint.DEFAULT_PER_PAGE, 3);
    assertThat(ids(from)).containsExactly("5");
    assertThat(ids(until)).containsExactly("1");
    assertThat(ids(sdkStyle)).containsExactly("5");
  }

  @Test
  void shouldFilterByExternalIdAndEmailAndPageTheMatches() {
    JsonNode odd = list("{\"perPage\":2,\"start\":1,\"filter\":{\"externalId\":\"ext-1\"}}");
    JsonNode byEmail = list("{\"filter\":{\"email\":\"C4@EXAMPLE.COM\"}}");

    assertMeta(odd, 3, 1, 2, 2);
    assertThat(ids(odd)).containsExactly("3", "5");
    assertThat(ids(byEmail)).containsExactly("4");
  }

  @Test
  void shouldListOnlyTheCallersTenant() {
    IvvyServer.Reply other = server.call("getContactList", "{}", IvvyServer.OTHER);

    assertThat(ids(other.body())).containsExactly("6");
  }

  private void put(String tenant, long id, String email, String externalId, Instant modified) {
    ContactKey key = new ContactKey(tenant, 0, email);
    server
        .pipeline
        .store()
        .apply(
            key,
            ContactRecord.newBuilder()
                .setKey(key)
                .setContactId(id)
                .setStatus(ContactStatus.ACTIVE)
                .setVersion(1)
                .setCreatedAt(modified)
                .setUpdatedAt(modified)
                .setData(
                    ContactData.newBuilder()
                        .setFirstName("C")
                        .setLastName(Long.toString(id))
                        .setEmail(email)
                        .setExternalId(externalId)
                        .build())
                .build());
  }

  private JsonNode list(String body) {
    IvvyServer.Reply reply = server.call("getContactList", body);
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
    return reply.body();
  }

  private static void assertMeta(JsonNode list, long total, int start, int perPage, int count) {
    JsonNode meta = list.get("meta");
    assertThat(meta.get("totalResults").asLong()).isEqualTo(total);
    assertThat(meta.get("start").asInt()).isEqualTo(start);
    assertThat(meta.get("perPage").asInt()).isEqualTo(perPage);
    assertThat(meta.get("count").asInt()).isEqualTo(count);
    assertThat(list.get("results")).hasSize(count);
  }

  private static List<String> ids(JsonNode list) {
    return list.get("results").findValuesAsText("id").stream().toList();
  }
}
