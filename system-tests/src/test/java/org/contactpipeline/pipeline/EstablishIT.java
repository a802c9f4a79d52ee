package org.contactpipeline.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.contactpipeline.stack.LocalStack;
import org.contactpipeline.testing.Poll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Marketing Cloud establish through the real pipeline: broker, resolver, sink and PostgreSQL. */
@Timeout(180)
class EstablishIT {

  /**
   * Seed 002's example requests, verbatim (PascalCase, tabs, the trailing comma, string booleans).
   */
  private static final String SEED_REQUEST = "{\n\t\"ContactKeys\": [\"Key1\", \"Key2\"],\n}";

  private static final String SEED_FIRE_AND_FORGET =
      "{\n\t\"ContactKeys\": [\"Key1\", \"Key2\"],\n"
          + "\t\"ReturnResults\": \"false\",\n\t\"CorrelateResponseItem\": \"false\",\n"
          + "\t\"IncludeNewContactAwareness\": \"false\"\n}";

  private static LocalStack stack;
  private static Api demo;
  private static Api acme;
  private static ContactsTable table;

  @BeforeAll
  static void stack() {
    stack = TestStack.get();
    demo = new Api(stack.httpUrl(), "demo-token");
    acme = new Api(stack.httpUrl(), "acme-token");
    table = new ContactsTable(stack.services());
  }

  @Test
  void shouldAnswerTheSeedExampleRequestInTheSeedsShape() {
    Api.Reply reply = demo.establish(SEED_REQUEST);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().isArray()).isTrue();
    assertThat(reply.body()).hasSize(1);
    JsonNode envelope = reply.body().get(0);
    assertThat(envelope.fieldNames())
        .toIterable()
        .containsExactly(
            "items",
            "requestServiceMessageID",
            "responseDateTime",
            "resultMessages",
            "serviceMessageID");
    assertThat(UUID.fromString(envelope.get("requestServiceMessageID").asText())).isNotNull();
    assertThat(UUID.fromString(envelope.get("serviceMessageID").asText())).isNotNull();
    assertThat(java.time.OffsetDateTime.parse(envelope.get("responseDateTime").asText()))
        .isNotNull();
    assertThat(envelope.get("resultMessages").isEmpty()).isTrue();
    JsonNode items = envelope.get("items");
    assertThat(items).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode item = items.get(i);
      assertThat(item.fieldNames())
          .toIterable()
          .containsExactly("value", "requestItemIndex", "resultMessages");
      assertThat(item.get("requestItemIndex").asInt()).isEqualTo(i);
      assertThat(item.get("value").get("requestedContactKey").asText()).isEqualTo("Key" + (i + 1));
      JsonNode reference = item.get("value").get("contactReference");
      assertThat(reference.fieldNames())
          .toIterable()
          .containsExactly("contactID", "contactType", "contactKey", "contactStatus");
      assertThat(reference.get("contactID").isIntegralNumber()).isTrue();
      assertThat(reference.get("contactType").asText()).isEqualTo("Default");
      assertThat(reference.get("contactKey").asText()).isEqualTo("Key" + (i + 1));
      assertThat(reference.get("contactStatus").asText()).isEqualTo("Active");
    }
    assertThat(items.get(0).get("value").get("contactReference").get("contactID").asLong())
        .isNotEqualTo(items.get(1).get("value").get("contactReference").get("contactID").asLong());
  }

  @Test
  void shouldAnswerTheFireAndForgetExampleAndStillEstablishItsContacts() {
    Api.Reply reply = acme.establish(SEED_FIRE_AND_FORGET);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode envelope = reply.body().get(0);
    assertThat(envelope.get("items").isEmpty()).isTrue();
    JsonNode message = envelope.get("resultMessages").get(0);
    assertThat(message.get("resultCode").asText()).isEqualTo("ResponseReturnsNotRequested");
    assertThat(message.get("data").asText())
        .isEqualTo(
            "The data operation returned successfully but no results were requested to be returned. ");
    Map<String, ContactsTable.Row> rows =
        Poll.until(
            Duration.ofSeconds(30),
            () -> table.rowsOf("acme", 0),
            found -> found.keySet().containsAll(List.of("Key1", "Key2")));
    assertThat(rows.get("Key1").contactId()).isNotEqualTo(rows.get("Key2").contactId());
  }

  @Test
  void shouldReturnTheSameIdsWhenTheSameKeysAreEstablishedAgain() {
    List<String> keys = keys("again", 5);

    Map<String, Long> first = demo.establishIds(keys);
    Map<String, Long> second = demo.establishIds(keys);

    assertThat(second).isEqualTo(first);
    assertThat(first.values()).doesNotHaveDuplicates();
  }

  @Test
  void shouldReportIsNewContactTrueOnlyTheFirstTime() {
    List<String> keys = keys("aware", 3);
    String aware =
        "{\"contactKeys\":" + toJsonArray(keys) + ",\"includeNewContactAwareness\":true}";

    JsonNode first = demo.establish(aware).body().get(0).get("items");
    JsonNode second = demo.establish(aware).body().get(0).get("items");

    assertThat(first.findValues("isNewContact"))
        .extracting(JsonNode::asBoolean)
        .containsExactly(true, true, true);
    assertThat(second.findValues("isNewContact"))
        .extracting(JsonNode::asBoolean)
        .containsExactly(false, false, false);
    assertThat(
            demo.establish(Api.jsonKeys(keys))
                .body()
                .get(0)
                .get("items")
                .findValues("isNewContact"))
        .isEmpty();
  }

  @Test
  void shouldKeepTheSameKeyInTwoTenantsAsTwoContacts() {
    List<String> keys = keys("shared", 1);
    String aware =
        "{\"contactKeys\":" + toJsonArray(keys) + ",\"includeNewContactAwareness\":true}";

    JsonNode inDemo = demo.establish(aware).body().get(0).get("items").get(0).get("value");
    JsonNode inAcme = acme.establish(aware).body().get(0).get("items").get(0).get("value");

    assertThat(inDemo.get("isNewContact").asBoolean()).isTrue();
    assertThat(inAcme.get("isNewContact").asBoolean()).isTrue();
    assertThat(inDemo.get("contactReference").get("contactID").asLong())
        .isNotEqualTo(inAcme.get("contactReference").get("contactID").asLong());
    Poll.until(
        Duration.ofSeconds(30),
        () -> table.rowsOf("acme", 0),
        rows -> rows.containsKey(keys.get(0)));
    Poll.until(
        Duration.ofSeconds(30),
        () -> table.rowsOf("demo", 0),
        rows -> rows.containsKey(keys.get(0)));
  }

  @Test
  void shouldKeepContactTypesApartForTheSameKey() {
    List<String> keys = keys("typed", 1);

    long asDefault = demo.establishIds(keys).get(keys.get(0));
    JsonNode typed =
        demo.establish("{\"contactKeys\":" + toJsonArray(keys) + ",\"contactType\":2}")
            .body()
            .get(0);

    JsonNode reference = typed.get("items").get(0).get("value").get("contactReference");
    assertThat(reference.get("contactType").asText()).isEqualTo("2");
    assertThat(reference.get("contactID").asLong()).isNotEqualTo(asDefault);
  }

  @Test
  void shouldAnswer401WithoutAValidToken() {
    Api.Reply reply = new Api(stack.httpUrl(), "not-a-token").establish(SEED_REQUEST);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body().get("message").asText()).startsWith("Not Authorized");
  }

  @Test
  void shouldReportHealthWithEveryPartReady() {
    // Another test may have just restarted the resolver; it must come back to RUNNING.
    Api.Reply health =
        Poll.until(
            Duration.ofSeconds(60), () -> demo.get("/health"), reply -> reply.status() == 200);

    assertThat(health.body().get("checks").fieldNames())
        .toIterable()
        .contains("kafka", "resolver-streams", "sink-consumers", "database");
  }

  static List<String> keys(String purpose, int count) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> purpose + "-" + run + "-" + i)
        .toList();
  }

  static String toJsonArray(List<String> keys) {
    String json = Api.jsonKeys(keys);
    return json.substring(json.indexOf('['), json.lastIndexOf(']') + 1);
  }
}
