package org.contactpipeline.ingest.cendyn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.cendyn.CendynServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v2/account/{account_id}/contact/}: filters, limit and {@code contact_id_from} paging.
 */
class CendynListContactsTest {

  private final CendynServer cendyn = new CendynServer();

  @AfterEach
  void stop() {
    cendyn.close();
  }

  @Test
  void shouldListTheAccountsContactsInAscendingIdOrderInTheCreateEchoShape() throws Exception {
    List<JsonNode> created = new ArrayList<>();
    created.add(create(Seed004.REQUEST));
    created.add(
        create("{\"email\": \"second@example.com\", \"city\": \"Leeds\", \"tier\": \"gold\"}"));
    created.add(create("{\"phone\": \"+34612345678\"}"));

    JsonNode listed = list("");

    assertThat(listed.isArray()).isTrue();
    assertThat(listed).containsExactlyElementsOf(created);
    assertThat(ids(listed)).isSorted();
  }

  @Test
  void shouldFilterByEachDocumentedParameter() throws Exception {
    String john =
        id(
            create(
                Seed004.REQUEST.replace(
                    "\"tags\"", "\"user_id\": \"u-1\", \"device_id\": \"dev-1\", \"tags\"")));
    String jane =
        id(
            create(
                "{\"name_first\": \"Jane\", \"name_last\": \"Doe\", \"email\": \"Jane@Example.com\","
                    + " \"phone_countrycode\": \"+34\", \"phone_number\": \"612 345 678\", \"user_id\": \"u-2\","
                    + " \"device_id\": \"dev-2\"}"));
    String phoneOnly = id(create("{\"phone\": \"+447700900123\", \"name_first\": \"John\"}"));

    assertThat(listedIds("user_id=u-2")).containsExactly(jane);
    assertThat(listedIds("device_id=dev-1")).containsExactly(john);
    assertThat(listedIds("email=jane%40example.com")).containsExactly(jane);
    assertThat(listedIds("email=JOHNDOE%40EXAMPLE.COM")).containsExactly(john);
    assertThat(listedIds("phone_countrycode=44")).containsExactly(john);
    assertThat(listedIds("phone_countrycode=%2B34")).containsExactly(jane);
    assertThat(listedIds("phone_countrycode=34&phone_number=612%20345%20678"))
        .containsExactly(jane);
    assertThat(listedIds("phone_number=7712345678")).containsExactly(john);
    assertThat(listedIds("name_first=John")).containsExactly(john, phoneOnly);
    assertThat(listedIds("name_last=Doe")).containsExactly(john, jane);
    assertThat(listedIds("name_first=John&name_last=Doe")).containsExactly(john);
    assertThat(listedIds("name_first=john")).isEmpty();
    assertThat(listedIds("user_id=u-1&device_id=dev-2")).isEmpty();
    assertThat(listedIds("order=asc")).containsExactly(john, jane, phoneOnly);
  }

  @Test
  void shouldPageWithLimitAndAnInclusiveContactIdFrom() throws Exception {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(id(create("{\"email\": \"page" + i + "@example.com\"}")));
    }

    assertThat(listedIds("limit=2")).containsExactlyElementsOf(all.subList(0, 2));
    assertThat(listedIds("limit=2&contact_id_from=" + all.get(1)))
        .containsExactlyElementsOf(all.subList(1, 3));
    assertThat(listedIds("limit=10&contact_id_from=" + all.get(3)))
        .containsExactlyElementsOf(all.subList(3, 5));
    assertThat(listedIds("contact_id_from=" + (Long.parseLong(all.get(4)) + 1))).isEmpty();
  }

  @Test
  void shouldListAtMost200ContactsUnlessALimitIsGiven() throws Exception {
    LongStream.rangeClosed(1, 205).forEach(id -> store("demo", id, null));

    assertThat(list("")).hasSize(ListContactsRequest.DEFAULT_LIMIT);
    assertThat(list("limit=1000")).hasSize(205);
  }

  @Test
  void shouldFilterByDeviceAndPageThoseMatchesLikeAnyFilter() throws Exception {
    for (long id = 1; id <= 1500; id++) {
      store("demo", id, id % 400 == 0 ? "tablet" : "phone-" + id);
    }

    assertThat(listedIds("device_id=tablet")).containsExactly("400", "800", "1200");
    assertThat(listedIds("device_id=tablet&limit=2")).containsExactly("400", "800");
    assertThat(listedIds("device_id=tablet&limit=2&contact_id_from=801")).containsExactly("1200");
    assertThat(listedIds("device_id=tablet&contact_id_from=1201")).isEmpty();
  }

  @Test
  void shouldNeverListAnotherAccountsContacts() throws Exception {
    String mine = id(create("{\"email\": \"shared@example.com\"}"));
    HttpResponse<String> theirs =
        cendyn.post(
            "/v2/account/other/contact/",
            "{\"email\": \"shared@example.com\"}",
            "Token token=other-token");

    assertThat(theirs.statusCode()).isEqualTo(201);
    assertThat(listedIds("")).containsExactly(mine);
    assertThat(listedIds("email=shared%40example.com")).containsExactly(mine);
    JsonNode theirList = json(cendyn.get("/v2/account/other/contact/", "Token token=other-token"));
    assertThat(ids(theirList)).containsExactly(json(theirs).get("id").asText());
  }

  @Test
  void shouldAnswer403ForAnotherAccountsListBeforeLookingAtTheQuery() throws Exception {
    for (String query : new String[] {"", "?limit=0", "?order=desc"}) {
      HttpResponse<String> response =
          cendyn.get("/v2/account/demo/contact/" + query, "Token token=other-token");

      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(json(response).get("error").asText()).contains("account demo");
    }
  }

  @Test
  void shouldServeThePathWithoutItsTrailingSlash() throws Exception {
    create("{\"email\": \"slash@example.com\"}");

    HttpResponse<String> response =
        cendyn.get("/v2/account/demo/contact?limit=5", "Token token=demo-token");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).hasSize(1);
  }

  private JsonNode create(String body) throws Exception {
    HttpResponse<String> response = cendyn.create(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response);
  }

  /** A golden record put straight into the read side, as the sink would have written it. */
  private void store(String tenant, long contactId, String deviceId) {
    ContactKey key = new ContactKey(tenant, 0, "contact" + contactId + "@example.com");
    ContactData data =
        ContactData.newBuilder().setEmail(key.getContactKey()).setDeviceId(deviceId).build();
    Instant now = Instant.now();
    cendyn
        .pipeline
        .store()
        .apply(
            key,
            ContactRecord.newBuilder()
                .setKey(key)
                .setContactId(contactId)
                .setStatus(ContactStatus.ACTIVE)
                .setVersion(1)
                .setCreatedAt(now)
                .setUpdatedAt(now)
                .setData(data)
                .build());
  }

  private JsonNode list(String query) throws Exception {
    HttpResponse<String> response = cendyn.list(query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  private List<String> listedIds(String query) throws Exception {
    return ids(list(query));
  }

  private static List<String> ids(JsonNode contacts) {
    List<String> ids = new ArrayList<>();
    contacts.forEach(contact -> ids.add(contact.get("id").asText()));
    return ids;
  }

  private static String id(JsonNode contact) {
    return contact.get("id").asText();
  }
}
