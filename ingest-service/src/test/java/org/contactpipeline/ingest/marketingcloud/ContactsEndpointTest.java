package org.contactpipeline.ingest.marketingcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.marketingcloud.MarketingCloudServer.body;
import static org.contactpipeline.ingest.marketingcloud.MarketingCloudServer.json;
import static org.contactpipeline.ingest.marketingcloud.Requests.byId;
import static org.contactpipeline.ingest.marketingcloud.Requests.byKey;
import static org.contactpipeline.ingest.marketingcloud.Requests.emailAddresses;
import static org.contactpipeline.ingest.marketingcloud.Requests.emailDemographics;
import static org.contactpipeline.ingest.marketingcloud.Requests.lineAddresses;
import static org.contactpipeline.ingest.marketingcloud.Requests.lineSubscriptions;
import static org.contactpipeline.ingest.marketingcloud.Requests.mobileConnect;
import static org.contactpipeline.ingest.marketingcloud.Requests.mobilePush;
import static org.contactpipeline.ingest.marketingcloud.Requests.set;
import static org.contactpipeline.ingest.marketingcloud.Requests.value;
import static org.contactpipeline.ingest.testing.JsonFields.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.contactpipeline.ingest.testing.BrokenReplies;
import org.contactpipeline.schemas.avro.AttributeSet;
import org.contactpipeline.schemas.avro.AttributeValue;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code POST} and {@code PATCH /contacts/v1/contacts} against the seed's contract, with the real
 * resolver.
 */
class ContactsEndpointTest {

  private static final String CONTACTS = "/contacts/v1/contacts";

  private final MarketingCloudServer mc = new MarketingCloudServer();

  @AfterEach
  void stop() {
    mc.close();
  }

  @Test
  void shouldCreateAContactFromTheSeedsExampleAndAnswerInTheSeedsShape() throws Exception {
    JsonNode body = body(mc.post(CONTACTS, Seed001.REQUEST), 200);

    JsonNode seed = json(Seed001.RESPONSE);
    assertThat(fieldNames(body)).containsExactlyElementsOf(fieldNames(seed));
    seed.fieldNames()
        .forEachRemaining(
            name ->
                assertThat(body.get(name).getNodeType())
                    .as(name)
                    .isEqualTo(seed.get(name).getNodeType()));
    assertThat(body.get("operationStatus").asText()).isEqualTo("OK");
    assertThat(body.get("rowsAffetcted").asInt()).isEqualTo(1);
    assertThat(body.get("contactKey").asText()).isEqualTo("acruz@example.com");
    assertThat(body.get("contactId").asLong()).isPositive();
    assertThat(body.get("contactTypeID").asInt()).isZero();
    assertThat(body.get("isNewContactKey").asBoolean()).isTrue();
    assertThat(body.get("hasErrors").asBoolean()).isFalse();
    assertThat(body.get("resultMessages")).isEmpty();
    UUID requestId = UUID.fromString(body.get("requestServiceMessageID").asText());
    assertThat(UUID.fromString(body.get("serviceMessageID").asText())).isNotEqualTo(requestId);
    assertThat(mc.pipeline.published)
        .singleElement()
        .satisfies(
            command -> {
              assertThat(command.getRequestId()).isEqualTo(requestId.toString());
              assertThat(command.getAction()).isEqualTo(CommandAction.UPSERT);
              assertThat(command.getKey())
                  .isEqualTo(new ContactKey("demo", 0, "acruz@example.com"));
            });
  }

  @Test
  void shouldStoreTheSeedsAttributeSetsAndTheProfileFieldsTheyImply() throws Exception {
    body(mc.post(CONTACTS, Seed001.REQUEST), 200);

    ContactData data = stored("acruz@example.com").getData();
    assertThat(data.getEmail()).isEqualTo("acruz@example.com");
    assertThat(data.getFirstName()).isEqualTo("Angela");
    assertThat(data.getLastName()).isEqualTo("Cruz");
    assertThat(data.getPhone()).isEqualTo("317-531-5555");
    assertThat(data.getAddress().getCountry()).isEqualTo("US");
    assertThat(data.getDeviceId()).isEqualTo("958405948");
    assertThat(data.getAttributeSets())
        .extracting(AttributeSet::getName)
        .containsExactly(
            "Email Addresses",
            "Email Demographics",
            "MobileConnect Demographics",
            "MobilePush Demographics",
            "GroupConnect LINE Addresses",
            "GroupConnect LINE Subscriptions",
            "GroupConnect LINE Demographics");
    assertThat(values(data, "Email Addresses"))
        .containsExactly(
            Map.entry("Email Address", "acruz@example.com"), Map.entry("HTML Enabled", true));
    assertThat(values(data, "Email Demographics"))
        .contains(Map.entry("Number Profile Attribute", 12345L));
    assertThat(values(data, "MobileConnect Demographics")).contains(Map.entry("Status", 1L));
    // The seed's "Application" is the application ID; its number is stored as the text it is.
    assertThat(values(data, "MobilePush Demographics"))
        .containsExactly(
            Map.entry("Device ID", "958405948"), Map.entry("Application", "958405948"));
  }

  @Test
  void shouldReportIsNewContactKeyOnlyForTheCallThatCreatedTheKey() throws Exception {
    JsonNode first = body(mc.post(CONTACTS, Seed001.REQUEST), 200);
    JsonNode second = body(mc.post(CONTACTS, Seed001.REQUEST), 200);

    assertThat(first.get("isNewContactKey").asBoolean()).isTrue();
    assertThat(second.get("isNewContactKey").asBoolean()).isFalse();
    assertThat(second.get("contactId").asLong()).isEqualTo(first.get("contactId").asLong());
  }

  @Test
  void shouldUpdateAnExistingContactByKeyWithPatchKeepingWhatThePatchDoesNotName()
      throws Exception {
    body(mc.post(CONTACTS, Seed001.REQUEST), 200);

    JsonNode body =
        body(
            mc.patch(
                CONTACTS,
                byKey(
                    "acruz@example.com",
                    emailAddresses("angela@example.com"),
                    set("Email Demographics", value("First Name", "Ángela")))),
            200);

    assertThat(body.get("isNewContactKey").asBoolean()).isFalse();
    assertThat(mc.pipeline.published.get(1).getAction()).isEqualTo(CommandAction.UPDATE);
    ContactData data = stored("acruz@example.com").getData();
    assertThat(data.getFirstName()).isEqualTo("Ángela");
    assertThat(data.getEmail()).isEqualTo("angela@example.com");
    assertThat(values(data, "Email Demographics"))
        .contains(
            Map.entry("First Name", "Ángela"),
            Map.entry("Last Name", "Cruz"),
            Map.entry("Number Profile Attribute", 12345L));
  }

  @Test
  void shouldLetAPatchGiveSetsThatCannotCreateAContact() throws Exception {
    body(mc.post(CONTACTS, Seed001.REQUEST), 200);

    body(mc.patch(CONTACTS, byKey("acruz@example.com", lineAddresses())), 200);
  }

  @Test
  void shouldFailAPatchOfAnUnknownKeyWith404AndCreateNothing() throws Exception {
    HttpResponse<String> response =
        mc.patch(CONTACTS, byKey("nobody@example.com", emailAddresses("n@example.com")));

    JsonNode body = assertFailed(response, 404, "ContactKeyNotFound");
    assertThat(body.get("contactKey").asText()).isEqualTo("nobody@example.com");
    assertThat(mc.pipeline.store().byKey(new ContactKey("demo", 0, "nobody@example.com")))
        .isEmpty();
  }

  @Test
  void shouldUpdateByContactIdWithPatchOrPostAndAnswerWithTheContactsKey() throws Exception {
    long id = body(mc.post(CONTACTS, Seed001.REQUEST), 200).get("contactId").asLong();

    JsonNode patched = body(mc.patch(CONTACTS, byId(id, mobilePush("device-2", "app-2"))), 200);
    JsonNode posted =
        body(
            mc.post(
                CONTACTS,
                byId(
                    Long.toString(id),
                    emailAddresses("acruz@example.com"),
                    emailDemographics("Angie", "Cruz"))),
            200);

    for (JsonNode body : List.of(patched, posted)) {
      assertThat(body.get("contactKey").asText()).isEqualTo("acruz@example.com");
      assertThat(body.get("contactId").asLong()).isEqualTo(id);
      assertThat(body.get("isNewContactKey").asBoolean()).isFalse();
    }
    assertThat(mc.pipeline.published.subList(1, 3))
        .allSatisfy(
            command -> {
              assertThat(command.getAction()).isEqualTo(CommandAction.UPDATE);
              assertThat(command.getContactId()).isEqualTo(id);
            });
    ContactData data = stored("acruz@example.com").getData();
    assertThat(data.getDeviceId()).isEqualTo("device-2");
    assertThat(data.getFirstName()).isEqualTo("Angie");
  }

  @Test
  void shouldFailAnUnknownContactIdWith404() throws Exception {
    assertFailed(
        mc.patch(CONTACTS, byId(987654321L, emailAddresses("a@example.com"))),
        404,
        "ContactIdNotFound");
    assertFailed(
        mc.post(CONTACTS, byId(987654321L, emailAddresses("a@example.com"))),
        404,
        "ContactIdNotFound");
  }

  @Test
  void shouldRefuseAContactKeyThatIsNotTheKeyOfTheGivenContactId() throws Exception {
    body(mc.post(CONTACTS, byKey("a@example.com", emailAddresses("a@example.com"))), 200);
    long idOfB =
        body(mc.post(CONTACTS, byKey("b@example.com", emailAddresses("b@example.com"))), 200)
            .get("contactId")
            .asLong();

    String body =
        "{\"contactKey\":\"a@example.com\",\"contactId\":"
            + idOfB
            + ",\"attributeSets\":["
            + emailAddresses("x@example.com")
            + "]}";
    JsonNode failed = assertFailed(mc.patch(CONTACTS, body), 400, "ContactKeyMismatch");

    // The resolver decides, where the contact lives: the command goes out naming both, and changes
    // nothing.
    assertThat(mc.pipeline.published).hasSize(3);
    assertThat(mc.pipeline.published.get(2).getContactId()).isEqualTo(idOfB);
    assertThat(mc.pipeline.published.get(2).getKey().getContactKey()).isEqualTo("a@example.com");
    assertThat(failed.get("resultMessages").get(0).get("message").asText())
        .isEqualTo("contact ID " + idOfB + " does not have key 'a@example.com'");
    assertThat(stored("b@example.com").getData().getEmail()).isEqualTo("b@example.com");
  }

  @Test
  void shouldAcceptBothKeyAndIdWhenTheyBelongTogetherAsInTheVendorsUpdateExample()
      throws Exception {
    long id = body(mc.post(CONTACTS, Seed001.REQUEST), 200).get("contactId").asLong();

    String body =
        "{\"contactKey\":\"acruz@example.com\",\"contactId\":"
            + id
            + ",\"attributeSets\":["
            + set(
                "Email Addresses",
                value("Email Address", "acruz@example.com"),
                value("HTML Enabled", "true"))
            + ","
            + set(
                "Email Demographics",
                value("First Name", "Angela"),
                value("Number Profile Attribute", 12345))
            + "]}";

    assertThat(body(mc.patch(CONTACTS, body), 200).get("contactId").asLong()).isEqualTo(id);
  }

  static Stream<Arguments> creatingSets() {
    return Stream.of(
        Arguments.of("Email Addresses", List.of(emailAddresses("a@example.com"))),
        Arguments.of("MobileConnect Demographics", List.of(mobileConnect("317-531-5555", "US"))),
        Arguments.of("MobilePush Demographics", List.of(mobilePush("device-1", "app-1"))),
        Arguments.of(
            "LINE Addresses with LINE Subscriptions",
            List.of(lineAddresses(), lineSubscriptions())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("creatingSets")
  void shouldCreateAContactWithAnyOneOfTheCreatingSets(String description, List<String> sets)
      throws Exception {
    JsonNode body = body(mc.post(CONTACTS, byKey("k1", sets.toArray(String[]::new))), 200);

    assertThat(body.get("isNewContactKey").asBoolean()).isTrue();
  }

  @Test
  void shouldAcceptALocaleThatIsACountryCodeOrALanguageTagWithOne() throws Exception {
    for (String locale : List.of("US", "gb", "en-US", "fr_FR")) {
      body(mc.post(CONTACTS, byKey("k-" + locale, mobileConnect("317-531-5555", locale))), 200);
      assertThat(stored("k-" + locale).getData().getAddress().getCountry())
          .isEqualTo(locale.substring(locale.length() - 2).toUpperCase(Locale.ROOT));
    }
  }

  @Test
  void shouldAcceptTheApplicationIdUnderEitherOfItsNamesAndStoreItUnderOne() throws Exception {
    body(
        mc.post(
            CONTACTS,
            byKey(
                "k1",
                set(
                    "MobilePush Demographics",
                    value("Device ID", "d1"),
                    value("ApplicationID", "app-1")))),
        200);
    body(
        mc.post(
            CONTACTS,
            byKey(
                "k2",
                set(
                    "MobilePush Demographics",
                    value("Device ID", "d2"),
                    value("Application", "app-2")))),
        200);

    assertThat(values(stored("k1").getData(), "MobilePush Demographics"))
        .containsEntry("Application", "app-1");
    assertThat(values(stored("k2").getData(), "MobilePush Demographics"))
        .containsEntry("Application", "app-2");
  }

  @Test
  void shouldAcceptHtmlEnabledAsABooleanOrAsTheTextOfOne() throws Exception {
    body(
        mc.post(
            CONTACTS,
            byKey(
                "k1",
                set(
                    "Email Addresses",
                    value("Email Address", "a@example.com"),
                    value("HTML Enabled", "False")))),
        200);

    assertThat(values(stored("k1").getData(), "Email Addresses"))
        .containsEntry("HTML Enabled", false);
  }

  @Test
  void shouldAcceptValuesGivenDirectlyOnTheSetAsTheSeedsParameterTableDescribes() throws Exception {
    String direct =
        "{\"name\":\"Email Addresses\",\"values\":["
            + value("Email Address", "a@example.com")
            + ","
            + value("HTML Enabled", true)
            + "]}";

    body(mc.post(CONTACTS, byKey("k1", direct)), 200);

    assertThat(stored("k1").getData().getEmail()).isEqualTo("a@example.com");
  }

  @Test
  void shouldStoreAnInternationalizedEmailAddressAndATextWithALineBreak() throws Exception {
    body(
        mc.post(
            CONTACTS,
            byKey(
                "k1",
                set(
                    "Email Addresses",
                    value("Email Address", "jörg@münchen.de"),
                    value("HTML Enabled", true)),
                set("Email Demographics", value("First Name", "Jörg\nJ.")))),
        200);

    assertThat(stored("k1").getData().getEmail()).isEqualTo("jörg@münchen.de");
    assertThat(stored("k1").getData().getFirstName()).isEqualTo("Jörg\nJ.");
  }

  @Test
  void shouldAnswer503InTheFailShapeWhenKafkaDoesNotTakeTheCommand() throws Exception {
    mc.pipeline.refuseCommands = true;

    JsonNode body = assertFailed(mc.post(CONTACTS, Seed001.REQUEST), 503, "ServiceUnavailable");

    assertThat(body.get("resultMessages").get(0).get("message").asText())
        .contains("Retrying is safe");
  }

  @Test
  void shouldAnswer504InTheFailShapeNamingTheRequestWhenTheResultIsLate() throws Exception {
    try (MarketingCloudServer silent = new MarketingCloudServer(true)) {
      HttpResponse<String> response = silent.post(CONTACTS, Seed001.REQUEST);

      JsonNode body = body(response, 504);
      assertThat(fieldNames(body)).containsExactlyElementsOf(fieldNames(json(Seed001.RESPONSE)));
      assertThat(body.get("operationStatus").asText()).isEqualTo("FAIL");
      JsonNode message = body.get("resultMessages").get(0);
      assertThat(message.get("resultCode").asText()).isEqualTo("ResponseTimedOut");
      assertThat(message.get("message").asText())
          .contains(body.get("requestServiceMessageID").asText());
      assertThat(silent.pipeline.published).hasSize(1);
    }
  }

  @Test
  void shouldAnswer500InTheGenericShapeWhenTheServiceFailsBeforeSendingAnything() throws Exception {
    try (MarketingCloudServer broken = new MarketingCloudServer(new BrokenReplies())) {
      JsonNode body = body(broken.post(CONTACTS, Seed001.REQUEST), 500);

      assertThat(fieldNames(body)).containsExactly("message", "errorcode", "documentation");
      assertThat(body.get("errorcode").asInt()).isEqualTo(500);
      assertThat(broken.pipeline.published).isEmpty();
    }
  }

  @Test
  void shouldRefuseRequestsWithoutAValidToken() throws Exception {
    assertThat(mc.send("POST", CONTACTS, Seed001.REQUEST, null).statusCode()).isEqualTo(401);
    assertThat(mc.send("PATCH", CONTACTS, Seed001.REQUEST, "wrong").statusCode()).isEqualTo(401);
    assertThat(mc.pipeline.published).isEmpty();
  }

  private static JsonNode assertFailed(HttpResponse<String> response, int status, String resultCode)
      throws IOException {
    JsonNode body = body(response, status);
    assertThat(fieldNames(body)).containsExactlyElementsOf(fieldNames(json(Seed001.RESPONSE)));
    assertThat(body.get("operationStatus").asText()).isEqualTo("FAIL");
    assertThat(body.get("hasErrors").asBoolean()).isTrue();
    assertThat(body.get("rowsAffetcted").asInt()).isZero();
    assertThat(body.get("isNewContactKey").asBoolean()).isFalse();
    assertThat(body.get("resultMessages")).hasSize(1);
    JsonNode message = body.get("resultMessages").get(0);
    assertThat(message.get("resultCode").asText()).as(response.body()).isEqualTo(resultCode);
    assertThat(message.get("resultClass").asText()).isEqualTo("Error");
    assertThat(message.get("message").asText()).isNotBlank();
    return body;
  }

  private ContactRecord stored(String contactKey) {
    return mc.pipeline.store().byKey(new ContactKey("demo", 0, contactKey)).orElseThrow();
  }

  private static Map<String, Object> values(ContactData data, String setName) {
    AttributeSet set =
        data.getAttributeSets().stream()
            .filter(s -> s.getName().equals(setName))
            .findFirst()
            .orElseThrow();
    Map<String, Object> values = new LinkedHashMap<>();
    for (AttributeValue value : set.getItems().get(0).getValues()) {
      values.put(value.getName(), value.getValue());
    }
    return values;
  }
}
