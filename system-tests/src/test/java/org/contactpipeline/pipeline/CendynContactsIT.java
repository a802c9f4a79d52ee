package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.pipeline.MarketingCloudContactsIT.EVENTUALLY;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.contactpipeline.ingest.cendyn.Seed004;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 3 for Cendyn CRM on the real broker and database: seed 004's example request gets 201 and
 * the seed's response shape, creating the same email again updates that contact, the list finds it
 * by each filter and pages with {@code limit} and {@code contact_id_from}, and once Marketing Cloud
 * deletes it by id the list no longer has it. Emails, user ids and last names are new on each run;
 * the seed's phone and names are not, so those filters are checked from this run's contact on.
 */
@Timeout(180)
class CendynContactsIT {

  private static final String CONTACTS = "/v2/account/demo/contact/";

  private static Api api;

  @BeforeAll
  static void stack() {
    LocalStack stack = TestStack.get();
    api = new Api(stack.httpUrl(), "demo-token");
  }

  @Test
  void shouldCreateTheSeedExampleAndAnswer201WithExactlyTheSeedsResponseFields() {
    String email = freshEmail();

    Api.Reply reply = api.cendyn("POST", CONTACTS, seedRequestFor(email));

    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
    assertThat(reply.fieldNames())
        .containsExactly(
            "id", "name_first", "name_last", "phone_countrycode", "phone_number", "email", "tags");
    JsonNode contact = reply.body();
    assertThat(contact.get("id").isTextual()).isTrue();
    assertThat(contact.get("id").asText()).matches("[1-9][0-9]*");
    assertThat(contact.get("name_first").asText()).isEqualTo("John");
    assertThat(contact.get("name_last").asText()).isEqualTo("Doe");
    assertThat(contact.get("phone_countrycode").asText()).isEqualTo("44");
    assertThat(contact.get("phone_number").asText()).isEqualTo("7712345678");
    assertThat(contact.get("email").asText()).isEqualTo(email);
    assertThat(contact.get("tags")).extracting(JsonNode::asText).containsExactly("tag1", "tag2");
    assertThat(
            Poll.until(EVENTUALLY, () -> listed("email=" + encoded(email)), ids -> !ids.isEmpty()))
        .containsExactly(contact.get("id").asText());
  }

  @Test
  void shouldUpdateTheContactOfAKnownEmailFindItByEachFilterAndForgetItOnceDeleted() {
    String email = freshEmail();
    String userId = "u-" + UUID.randomUUID();
    String id = create(seedRequestFor(email)).get("id").asText();

    Api.Reply again =
        api.cendyn(
            "POST",
            CONTACTS,
            "{\"email\": \""
                + email
                + "\", \"user_id\": \""
                + userId
                + "\", \"city\": \"London\"}");

    assertThat(again.status()).as(String.valueOf(again.body())).isEqualTo(201);
    assertThat(again.body().get("id").asText()).isEqualTo(id);
    assertThat(again.body().get("name_first").asText())
        .as("the echo is the merged contact")
        .isEqualTo("John");
    assertThat(again.body().get("user_id").asText()).isEqualTo(userId);
    assertThat(again.body().get("city").asText()).isEqualTo("London");

    assertThat(
            Poll.until(
                EVENTUALLY, () -> listed("user_id=" + encoded(userId)), ids -> !ids.isEmpty()))
        .containsExactly(id);
    assertThat(listed("email=" + encoded(email))).containsExactly(id);
    assertThat(listed("email=" + encoded(email.toUpperCase(Locale.ROOT)))).containsExactly(id);
    String fromThisContact = "&contact_id_from=" + id + "&limit=1";
    assertThat(listed("phone_countrycode=44&phone_number=7712345678" + fromThisContact))
        .containsExactly(id);
    assertThat(listed("phone_countrycode=44&phone_number=7712345679" + fromThisContact))
        .doesNotContain(id);
    assertThat(listed("phone_countrycode=1&phone_number=7712345678" + fromThisContact))
        .doesNotContain(id);
    assertThat(listed("name_first=John&name_last=Doe" + fromThisContact)).containsExactly(id);
    assertThat(listed("name_first=John&name_last=Roe" + fromThisContact)).doesNotContain(id);
    assertThat(listed("name_first=Jane" + fromThisContact)).doesNotContain(id);
    assertThat(list("name_first=John&name_last=Doe&contact_id_from=" + id))
        .allSatisfy(
            contact -> {
              assertThat(contact.get("name_first").asText()).isEqualTo("John");
              assertThat(contact.get("name_last").asText()).isEqualTo("Doe");
            });

    MarketingCloudContactsIT.deleteAndCheck(api, "ids", List.of(Long.parseLong(id)));

    Poll.until(EVENTUALLY, () -> listed("email=" + encoded(email)), List::isEmpty);
    assertThat(listed("user_id=" + encoded(userId))).isEmpty();
  }

  @Test
  void shouldPageTheFilteredListWithLimitAndAnInclusiveContactIdFrom() {
    String lastName = "Paged-" + UUID.randomUUID();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(
          create("{\"email\": \"" + freshEmail() + "\", \"name_last\": \"" + lastName + "\"}")
              .get("id")
              .asText());
    }
    List<String> all =
        created.stream()
            .sorted((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)))
            .toList();
    String byName = "name_last=" + lastName;

    assertThat(Poll.until(EVENTUALLY, () -> listed(byName), ids -> ids.size() == 3)).isEqualTo(all);
    assertThat(listed(byName + "&limit=2")).isEqualTo(all.subList(0, 2));
    assertThat(listed(byName + "&limit=2&contact_id_from=" + all.get(1)))
        .isEqualTo(all.subList(1, 3));
    assertThat(listed(byName + "&limit=1&contact_id_from=" + all.get(2)))
        .isEqualTo(all.subList(2, 3));
    assertThat(listed(byName + "&contact_id_from=" + (Long.parseLong(all.get(2)) + 1))).isEmpty();

    MarketingCloudContactsIT.deleteAndCheck(api, "ids", all.stream().map(Long::parseLong).toList());
    Poll.until(EVENTUALLY, () -> listed(byName), List::isEmpty);
  }

  private static String seedRequestFor(String email) {
    return Seed004.REQUEST.replace("johndoe@example.com", email);
  }

  private static String freshEmail() {
    return "johndoe-" + UUID.randomUUID() + "@example.com";
  }

  private static JsonNode create(String body) {
    Api.Reply reply = api.cendyn("POST", CONTACTS, body);
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
    return reply.body();
  }

  private static JsonNode list(String query) {
    Api.Reply reply = api.cendyn("GET", CONTACTS + "?" + query, null);
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
    return reply.body();
  }

  private static List<String> listed(String query) {
    List<String> ids = new ArrayList<>();
    list(query).forEach(contact -> ids.add(contact.get("id").asText()));
    return ids;
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
