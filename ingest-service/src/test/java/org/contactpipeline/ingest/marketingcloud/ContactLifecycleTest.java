package org.contactpipeline.ingest.marketingcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.marketingcloud.ContactReadEndpointsTest.assertFail;
import static org.contactpipeline.ingest.marketingcloud.MarketingCloudServer.DEMO;
import static org.contactpipeline.ingest.marketingcloud.MarketingCloudServer.OTHER;
import static org.contactpipeline.ingest.marketingcloud.MarketingCloudServer.body;
import static org.contactpipeline.ingest.marketingcloud.Requests.byId;
import static org.contactpipeline.ingest.marketingcloud.Requests.byKey;
import static org.contactpipeline.ingest.marketingcloud.Requests.deleteBody;
import static org.contactpipeline.ingest.marketingcloud.Requests.emailAddresses;
import static org.contactpipeline.ingest.marketingcloud.Requests.emailDemographics;

import com.fasterxml.jackson.databind.JsonNode;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A contact's whole life through the Marketing Cloud API, and what another tenant can do to it:
 * nothing.
 */
class ContactLifecycleTest {

  private static final String CONTACTS = "/contacts/v1/contacts";
  private static final String KEY = "/contacts/v1/contacts/key:acruz@example.com";
  private static final String SEARCH = "/contacts/v1/addresses/email/search";
  private static final String SEARCH_ACRUZ =
      "{\"ChannelAddressList\":[\"acruz@example.com\"],\"MaximumCount\":5}";

  private final MarketingCloudServer mc = new MarketingCloudServer();

  @AfterEach
  void stop() {
    mc.close();
  }

  @Test
  void shouldCreateUpdateFindDeleteAndThenForgetAContact() throws Exception {
    long id = body(mc.post(CONTACTS, Seed001.REQUEST), 200).get("contactId").asLong();
    body(
        mc.patch(
            CONTACTS,
            byKey(
                "acruz@example.com",
                emailAddresses("acruz@example.com"),
                emailDemographics("Angie", "Cruz"))),
        200);

    for (String path : new String[] {KEY, CONTACTS + "/id:" + id}) {
      JsonNode contact = body(mc.get(path), 200);
      assertThat(contact.get("contactId").asLong()).isEqualTo(id);
      assertThat(contact.get("attributeSets").get(1).findValuesAsText("value"))
          .contains("Angie", "Cruz");
    }
    assertThat(body(mc.post(SEARCH, SEARCH_ACRUZ), 200).findValuesAsText("contactKey"))
        .containsExactly("acruz@example.com");

    long operationId =
        body(mc.post(CONTACTS + "/actions/delete?type=keys", deleteBody("acruz@example.com")), 200)
            .get("operationID")
            .asLong();
    JsonNode operation =
        body(mc.get(CONTACTS + "/actions/delete/status?operationID=" + operationId), 200)
            .get("operation");
    assertThat(operation.get("status").asText()).isEqualTo("Completed");
    assertThat(operation.get("deletedContactCount").asInt()).isEqualTo(1);

    assertFail(mc.get(KEY), 404, "ContactNotFound");
    assertFail(mc.get(CONTACTS + "/id:" + id), 404, "ContactNotFound");
    assertThat(body(mc.post(SEARCH, SEARCH_ACRUZ), 200).findValuesAsText("contactKey")).isEmpty();
    assertThat(
            body(
                    mc.patch(
                        CONTACTS, byKey("acruz@example.com", emailAddresses("acruz@example.com"))),
                    404)
                .get("resultMessages")
                .get(0)
                .get("resultCode")
                .asText())
        .isEqualTo("ContactKeyNotFound");
    assertThat(
            body(mc.patch(CONTACTS, byId(id, emailAddresses("acruz@example.com"))), 404)
                .get("resultMessages")
                .get(0)
                .get("resultCode")
                .asText())
        .isEqualTo("ContactIdNotFound");

    JsonNode again = body(mc.post(CONTACTS, Seed001.REQUEST), 200);
    assertThat(again.get("isNewContactKey").asBoolean()).isTrue();
    assertThat(again.get("contactId").asLong()).isNotEqualTo(id);
  }

  @Test
  void shouldNeitherShowNorChangeNorDeleteAnotherTenantsContact() throws Exception {
    long id = body(mc.post(CONTACTS, Seed001.REQUEST), 200).get("contactId").asLong();
    long demoDelete =
        body(mc.post(CONTACTS + "/actions/delete?type=keys", deleteBody("nobody")), 200)
            .get("operationID")
            .asLong();

    assertFail(mc.send("GET", KEY, null, OTHER), 404, "ContactNotFound");
    assertFail(mc.send("GET", CONTACTS + "/id:" + id, null, OTHER), 404, "ContactNotFound");
    assertThat(
            body(mc.send("POST", SEARCH, SEARCH_ACRUZ, OTHER), 200).findValuesAsText("contactKey"))
        .isEmpty();
    assertFail(
        mc.send("GET", CONTACTS + "/actions/delete/status?operationID=" + demoDelete, null, OTHER),
        404,
        "OperationNotFound");
    assertThat(
            body(
                    mc.send(
                        "PATCH",
                        CONTACTS,
                        byKey(
                            "acruz@example.com",
                            emailDemographics("X", "Y"),
                            emailAddresses("x@example.com")),
                        OTHER),
                    404)
                .get("resultMessages")
                .get(0)
                .get("resultCode")
                .asText())
        .isEqualTo("ContactKeyNotFound");
    assertThat(
            body(mc.send("PATCH", CONTACTS, byId(id, emailAddresses("x@example.com")), OTHER), 404)
                .get("resultMessages")
                .get(0)
                .get("resultCode")
                .asText())
        .isEqualTo("ContactIdNotFound");

    long byKeys =
        body(
                mc.send(
                    "POST",
                    CONTACTS + "/actions/delete?type=keys",
                    deleteBody("acruz@example.com"),
                    OTHER),
                200)
            .get("operationID")
            .asLong();
    long byIds =
        body(mc.send("POST", CONTACTS + "/actions/delete?type=ids", deleteBody(id), OTHER), 200)
            .get("operationID")
            .asLong();
    for (long operationId : new long[] {byKeys, byIds}) {
      JsonNode operation =
          body(
                  mc.send(
                      "GET",
                      CONTACTS + "/actions/delete/status?operationID=" + operationId,
                      null,
                      OTHER),
                  200)
              .get("operation");
      assertThat(operation.get("deletedContactCount").asInt()).isZero();
      assertThat(operation.get("notFoundContactCount").asInt()).isEqualTo(1);
    }

    JsonNode untouched = body(mc.send("GET", KEY, null, DEMO), 200);
    assertThat(untouched.get("contactId").asLong()).isEqualTo(id);
    assertThat(untouched.get("attributeSets").get(0).findValuesAsText("value"))
        .contains("acruz@example.com");
  }

  @Test
  void shouldGiveTheSameKeyInTwoTenantsTwoContacts() throws Exception {
    JsonNode demo = body(mc.send("POST", CONTACTS, Seed001.REQUEST, DEMO), 200);
    JsonNode other = body(mc.send("POST", CONTACTS, Seed001.REQUEST, OTHER), 200);

    assertThat(other.get("isNewContactKey").asBoolean()).isTrue();
    assertThat(other.get("contactId").asLong()).isNotEqualTo(demo.get("contactId").asLong());
    assertThat(mc.pipeline.store().byKey(new ContactKey("other", 0, "acruz@example.com")))
        .isPresent();
    assertThat(
            body(
                    mc.send(
                        "GET", CONTACTS + "/id:" + other.get("contactId").asLong(), null, OTHER),
                    200)
                .get("contactKey")
                .asText())
        .isEqualTo("acruz@example.com");
  }
}
