package org.contactpipeline.ingest.marketingcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.marketingcloud.MarketingCloudServer.body;
import static org.contactpipeline.ingest.marketingcloud.Requests.byKey;
import static org.contactpipeline.ingest.marketingcloud.Requests.emailAddresses;
import static org.contactpipeline.ingest.marketingcloud.Requests.mobilePush;
import static org.contactpipeline.ingest.testing.JsonFields.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.ingest.pipeline.ContactAddress;
import org.contactpipeline.schemas.avro.AttributeItem;
import org.contactpipeline.schemas.avro.AttributeSet;
import org.contactpipeline.schemas.avro.AttributeValue;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The data model, lookups by key and ID, and the email search, read from the read side. */
class ContactReadEndpointsTest {

  private static final Commands COMMANDS = new Commands(java.time.Clock.systemUTC(), null);

  private static final String DEFINITIONS = "/contacts/v1/attributeSetDefinitions";
  private static final String SEARCH = "/contacts/v1/addresses/email/search";

  private final MarketingCloudServer mc = new MarketingCloudServer();

  @AfterEach
  void stop() {
    mc.close();
  }

  @Test
  void shouldListTheDataModelInTheVendorsShape() throws Exception {
    JsonNode body = body(mc.get(DEFINITIONS), 200);

    assertThat(fieldNames(body))
        .containsExactly(
            "page",
            "pageSize",
            "count",
            "items",
            "links",
            "requestServiceMessageID",
            "resultMessages",
            "serviceMessageID");
    assertThat(body.get("count").asInt()).isEqualTo(7);
    assertThat(setNames(body))
        .containsExactly(
            "Email Addresses",
            "Email Demographics",
            "MobileConnect Demographics",
            "MobilePush Demographics",
            "GroupConnect LINE Addresses",
            "GroupConnect LINE Subscriptions",
            "GroupConnect LINE Demographics");
    JsonNode emailAddresses = body.get("items").get(0);
    assertThat(emailAddresses.get("key").asText()).isEqualTo("EmailAddresses");
    assertThat(emailAddresses.get("name").get("value").asText()).isEqualTo("Email Addresses");
    JsonNode htmlEnabled = emailAddresses.get("attributes").get(1);
    assertThat(htmlEnabled.get("name").get("value").asText()).isEqualTo("HTML Enabled");
    assertThat(htmlEnabled.get("dataType").asText()).isEqualTo("Boolean");
    assertThat(htmlEnabled.get("isNullable").asBoolean()).isFalse();
    assertThat(htmlEnabled.get("parentId").asText()).isEqualTo(emailAddresses.get("id").asText());
    assertThat(htmlEnabled.has("length")).isFalse();
  }

  @Test
  void shouldListExactlyTheAttributesAndRequiredFlagsValidationUses() throws Exception {
    JsonNode items = body(mc.get(DEFINITIONS), 200).get("items");

    List<String> rendered = new ArrayList<>();
    items.forEach(
        set ->
            set.get("attributes")
                .forEach(
                    attribute ->
                        rendered.add(
                            set.get("key").asText()
                                + "."
                                + attribute.get("key").asText()
                                + ":"
                                + attribute.get("dataType").asText()
                                + (attribute.get("isNullable").asBoolean() ? "" : "!"))));
    List<String> model = new ArrayList<>();
    ContactDataModel.standard()
        .sets()
        .forEach(
            set ->
                set.attributes()
                    .forEach(
                        attribute ->
                            model.add(
                                set.key()
                                    + "."
                                    + attribute.key()
                                    + ":"
                                    + attribute.type().dataTypeName()
                                    + (attribute.required() ? "!" : ""))));
    assertThat(rendered)
        .isEqualTo(model)
        .contains(
            "MobilePushDemographics.ApplicationID:Text!",
            "MobileConnectDemographics.Locale:Locale!",
            "EmailAddresses.HTMLEnabled:Boolean!");
  }

  @Test
  void shouldPageTheDataModel() throws Exception {
    JsonNode second = body(mc.get(DEFINITIONS + "?$page=2&$pageSize=3"), 200);

    assertThat(second.get("page").asInt()).isEqualTo(2);
    assertThat(second.get("count").asInt()).isEqualTo(7);
    assertThat(setNames(second))
        .containsExactly(
            "MobilePush Demographics",
            "GroupConnect LINE Addresses",
            "GroupConnect LINE Subscriptions");
  }

  @Test
  void shouldLookUpAContactByKeyAndByIdWithItsAttributeSets() throws Exception {
    long id =
        body(mc.post("/contacts/v1/contacts", Seed001.REQUEST), 200).get("contactId").asLong();

    JsonNode byKey = body(mc.get("/contacts/v1/contacts/key:acruz@example.com"), 200);
    JsonNode byId = body(mc.get("/contacts/v1/contacts/id:" + id), 200);

    assertThat(fieldNames(byKey))
        .containsExactly(
            "operationStatus",
            "contactKey",
            "contactId",
            "contactTypeID",
            "contactStatus",
            "createdDate",
            "modifiedDate",
            "attributeSets",
            "requestServiceMessageID",
            "hasErrors",
            "resultMessages",
            "serviceMessageID");
    for (JsonNode contact : List.of(byKey, byId)) {
      assertThat(contact.get("operationStatus").asText()).isEqualTo("OK");
      assertThat(contact.get("contactKey").asText()).isEqualTo("acruz@example.com");
      assertThat(contact.get("contactId").asLong()).isEqualTo(id);
      assertThat(contact.get("contactStatus").asText()).isEqualTo("Active");
      assertThat(contact.get("createdDate").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
      assertThat(contact.get("attributeSets")).hasSize(7);
    }
    JsonNode email = byKey.get("attributeSets").get(0);
    assertThat(email.get("name").asText()).isEqualTo("Email Addresses");
    assertThat(email.get("items").get(0).get("values").get(1).get("name").asText())
        .isEqualTo("HTML Enabled");
    assertThat(email.get("items").get(0).get("values").get(1).get("value").isBoolean()).isTrue();
    JsonNode demographics = byKey.get("attributeSets").get(1).get("items").get(0).get("values");
    assertThat(demographics.findValuesAsText("name")).contains("Number Profile Attribute");
    assertThat(demographics.get(3).get("value").isIntegralNumber()).isTrue();
  }

  @Test
  void shouldLookUpKeysThatNeedEncodingInAPath() throws Exception {
    String key = "Ángela Cruz+1@example.com";
    body(mc.post("/contacts/v1/contacts", byKey(key, emailAddresses("angela@example.com"))), 200);

    JsonNode contact =
        body(
            mc.get(
                "/contacts/v1/contacts/key:"
                    + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20")),
            200);

    assertThat(contact.get("contactKey").asText()).isEqualTo(key);
  }

  @Test
  void shouldShowTheProfileFieldsAnotherApiChangedInTheAttributeSets() throws Exception {
    body(mc.post("/contacts/v1/contacts", Seed001.REQUEST), 200);
    // As iVvy or Cendyn CRM would: profile fields only, on the same key.
    ContactData changes =
        ContactData.newBuilder().setEmail("angela.cruz@example.com").setFirstName("Angie").build();
    mc.pipeline
        .publish(
            List.of(
                COMMANDS.single(
                    "other-api",
                    ContactAddress.key(new ContactKey("demo", 0, "acruz@example.com")),
                    CommandAction.UPDATE,
                    changes)))
        .join();

    JsonNode sets =
        body(mc.get("/contacts/v1/contacts/key:acruz@example.com"), 200).get("attributeSets");

    assertThat(sets.get(0).get("items").get(0).get("values").get(0).get("value").asText())
        .isEqualTo("angela.cruz@example.com");
    assertThat(sets.get(1).get("items").get(0).get("values").findValuesAsText("value"))
        .contains("Angie", "Cruz");
  }

  @Test
  void shouldShowAContactMadeByAnotherApiWithTheSetsItsProfileImplies() throws Exception {
    ContactData profile =
        ContactData.newBuilder()
            .setEmail("ivvy@example.com")
            .setFirstName("Ivy")
            .setLastName("Vee")
            .setPhone("+61 455 550 000")
            .build();
    mc.pipeline
        .publish(
            List.of(
                COMMANDS.single(
                    "other-api",
                    ContactAddress.key(new ContactKey("demo", 0, "ivvy@example.com")),
                    CommandAction.UPSERT,
                    profile)))
        .join();

    JsonNode sets =
        body(mc.get("/contacts/v1/contacts/key:ivvy@example.com"), 200).get("attributeSets");

    assertThat(sets.findValuesAsText("name"))
        .containsExactly(
            "Email Addresses",
            "Email Address",
            "Email Demographics",
            "First Name",
            "Last Name",
            "MobileConnect Demographics",
            "Mobile Number");
    assertThat(sets.findValuesAsText("value"))
        .containsExactly("ivvy@example.com", "Ivy", "Vee", "+61 455 550 000");
  }

  @Test
  void shouldKeepMultiItemSetsStoredByOtherProducersAsTheyAre() throws Exception {
    AttributeSet twoDevices =
        new AttributeSet(
            "MobilePush Demographics",
            List.of(
                new AttributeItem(List.of(new AttributeValue("Device ID", "d1"))),
                new AttributeItem(List.of(new AttributeValue("Device ID", "d2")))));
    mc.pipeline
        .publish(
            List.of(
                COMMANDS.single(
                    "producer",
                    ContactAddress.key(new ContactKey("demo", 0, "k1")),
                    CommandAction.UPSERT,
                    ContactData.newBuilder()
                        .setDeviceId("d3")
                        .setAttributeSets(List.of(twoDevices))
                        .build())))
        .join();

    JsonNode set = body(mc.get("/contacts/v1/contacts/key:k1"), 200).get("attributeSets").get(0);

    assertThat(set.get("items")).hasSize(2);
    assertThat(set.findValuesAsText("value")).containsExactly("d1", "d2");
  }

  @Test
  void shouldAnswer404ForAnUnknownKeyOrId() throws Exception {
    assertFail(mc.get("/contacts/v1/contacts/key:nobody"), 404, "ContactNotFound");
    assertFail(mc.get("/contacts/v1/contacts/id:424242"), 404, "ContactNotFound");
  }

  @Test
  void shouldFindTheContactKeysOfEachEmailAddressInTheVendorsShape() throws Exception {
    body(
        mc.post("/contacts/v1/contacts", byKey("first", emailAddresses("Shared@Example.com"))),
        200);
    body(
        mc.post("/contacts/v1/contacts", byKey("second", emailAddresses("shared@example.com"))),
        200);
    body(mc.post("/contacts/v1/contacts", byKey("third", mobilePush("d1", "a1"))), 200);

    JsonNode body =
        body(
            mc.post(
                SEARCH,
                "{\"ChannelAddressList\":[\"shared@example.com\",\"none@example.com\"],"
                    + "\"MaximumCount\":5}"),
            200);

    assertThat(fieldNames(body))
        .containsExactly(
            "channelAddressResponseEntities",
            "requestServiceMessageID",
            "resultMessages",
            "serviceMessageID");
    JsonNode shared = body.get("channelAddressResponseEntities").get(0);
    assertThat(fieldNames(shared)).containsExactly("contactKeyDetails", "channelAddress");
    assertThat(shared.get("channelAddress").asText()).isEqualTo("shared@example.com");
    assertThat(shared.get("contactKeyDetails").findValuesAsText("contactKey"))
        .containsExactly("first", "second");
    assertThat(fieldNames(shared.get("contactKeyDetails").get(0)))
        .containsExactly("contactKey", "createDate");
    JsonNode none = body.get("channelAddressResponseEntities").get(1);
    assertThat(none.get("channelAddress").asText()).isEqualTo("none@example.com");
    assertThat(none.get("contactKeyDetails")).isEmpty();
  }

  @Test
  void shouldFindAnInternationalizedAddressAnotherApiStored() throws Exception {
    // As Cendyn CRM would after email_validation.validate: the same email rule holds in every API.
    ContactData profile = ContactData.newBuilder().setEmail("Jörg@München.de").build();
    mc.pipeline
        .publish(
            List.of(
                COMMANDS.single(
                    "other-api",
                    ContactAddress.key(new ContactKey("demo", 0, "jörg@münchen.de")),
                    CommandAction.UPSERT,
                    profile)))
        .join();

    JsonNode body = body(mc.post(SEARCH, "{\"ChannelAddressList\":[\"jörg@münchen.de\"]}"), 200);

    assertThat(body.findValuesAsText("contactKey")).containsExactly("jörg@münchen.de");
  }

  @Test
  void shouldReturnAtMostMaximumCountKeysPerAddressAndOneByDefault() throws Exception {
    body(
        mc.post("/contacts/v1/contacts", byKey("first", emailAddresses("shared@example.com"))),
        200);
    body(
        mc.post("/contacts/v1/contacts", byKey("second", emailAddresses("shared@example.com"))),
        200);

    JsonNode byDefault =
        body(mc.post(SEARCH, "{\"ChannelAddressList\":[\"shared@example.com\"]}"), 200);
    JsonNode camelCase =
        body(
            mc.post(
                SEARCH,
                "{\"channelAddressList\":[\"shared@example.com\"]," + "\"maximumCount\":2}"),
            200);

    assertThat(byDefault.findValuesAsText("contactKey")).containsExactly("first");
    assertThat(camelCase.findValuesAsText("contactKey")).containsExactly("first", "second");
  }

  private static List<String> setNames(JsonNode definitions) {
    List<String> names = new ArrayList<>();
    definitions.get("items").forEach(set -> names.add(set.get("name").get("value").asText()));
    return names;
  }

  static JsonNode assertFail(HttpResponse<String> response, int status, String resultCode)
      throws Exception {
    JsonNode body = body(response, status);
    assertThat(fieldNames(body))
        .containsExactly(
            "operationStatus",
            "hasErrors",
            "requestServiceMessageID",
            "resultMessages",
            "serviceMessageID");
    assertThat(body.get("operationStatus").asText()).isEqualTo("FAIL");
    assertThat(body.get("hasErrors").asBoolean()).isTrue();
    assertThat(body.get("resultMessages").get(0).get("resultCode").asText()).isEqualTo(resultCode);
    return body;
  }
}
