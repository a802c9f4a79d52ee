package org.contactpipeline.ingest.ivvy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.testing.JsonFields.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.contactpipeline.schemas.avro.Consent;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.schemas.avro.ContactStatus;
import org.contactpipeline.schemas.avro.ExternalUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code getContact}: one contact from the read side, in iVvy's shape, only within the caller's
 * tenant.
 */
class GetContactTest {

  private final IvvyServer server = new IvvyServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldReturnTheContactInIvvysShape() {
    server
        .pipeline
        .store()
        .apply(
            new ContactKey("demo", 0, "user@test.com"),
            ContactRecord.newBuilder()
                .setKey(new ContactKey("demo", 0, "user@test.com"))
                .setContactId(25146)
                .setStatus(ContactStatus.ACTIVE)
                .setVersion(3)
                .setCreatedAt(Instant.parse("2012-04-16T21:07:04.250Z"))
                .setUpdatedAt(Instant.parse("2024-01-05T10:11:12.999Z"))
                .setData(
                    ContactData.newBuilder()
                        .setFirstName("Test")
                        .setLastName("User")
                        .setEmail("user@test.com")
                        .setPhone("0455550000")
                        .setGroups(List.of(2481L))
                        .setCustomFields(
                            Map.of("103", "\"Medium\"", "favourite_colour", "\"blue\""))
                        .setCompanies(List.of(4L, 5L, 6L))
                        .setEmailStatus(1)
                        .setSmsStatus(4)
                        .setExternalId("59fc43b6726be")
                        .setExternalUrls(
                            List.of(new ExternalUrl("crm", "https://crm.example.com/25146", "CRM")))
                        .setConsent(Consent.newBuilder().setPrivacyConsent(true).build())
                        .build())
                .build());

    IvvyServer.Reply reply = server.call("getContact", "{\"id\":25146}");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode contact = reply.body();
    assertThat(fieldNames(contact))
        .containsExactly(
            "id",
            "externalId",
            "firstName",
            "lastName",
            "email",
            "phone",
            "groups",
            "customFields",
            "companies",
            "status",
            "smsStatus",
            "externalUrls",
            "privacyConsent",
            "createdDate",
            "modifiedDate");
    assertThat(contact.get("id").isTextual()).isTrue();
    assertThat(contact.get("id").asText()).isEqualTo("25146");
    assertThat(contact.get("externalId").asText()).isEqualTo("59fc43b6726be");
    assertThat(contact.get("firstName").asText()).isEqualTo("Test");
    assertThat(contact.get("lastName").asText()).isEqualTo("User");
    assertThat(contact.get("email").asText()).isEqualTo("user@test.com");
    assertThat(contact.get("phone").asText()).isEqualTo("0455550000");
    assertThat(contact.get("groups").get(0).get("contactId").asText()).isEqualTo("25146");
    assertThat(contact.get("groups").get(0).get("groupId").asText()).isEqualTo("2481");
    // Only iVvy fields (numeric ids) show; another API's named custom field does not.
    assertThat(contact.get("customFields")).hasSize(1);
    JsonNode field = contact.get("customFields").get(0);
    assertThat(fieldNames(field)).containsExactly("fieldId", "displayName", "value");
    assertThat(field.get("fieldId").asText()).isEqualTo("103");
    assertThat(field.get("displayName").asText()).isEqualTo("Shirt Size");
    assertThat(field.get("value").asText()).isEqualTo("Medium");
    assertThat(contact.get("companies")).extracting(JsonNode::asLong).containsExactly(4L, 5L, 6L);
    assertThat(contact.get("status").asInt()).isEqualTo(1);
    assertThat(contact.get("smsStatus").asInt()).isEqualTo(4);
    assertThat(fieldNames(contact.get("externalUrls").get(0)))
        .containsExactly("ref", "url", "label");
    assertThat(contact.get("externalUrls").get(0).get("url").asText())
        .isEqualTo("https://crm.example.com/25146");
    assertThat(contact.get("privacyConsent").asBoolean()).isTrue();
    assertThat(contact.get("createdDate").asText()).isEqualTo("2012-04-16 21:07:04");
    assertThat(contact.get("modifiedDate").asText()).isEqualTo("2024-01-05 10:11:12");
  }

  @Test
  void shouldShowEveryMemberEvenForAContactWithoutData() {
    long id =
        server.addOrUpdate(
            "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\"}");

    JsonNode contact = server.contact(id);

    assertThat(contact.get("phone").isNull()).isTrue();
    assertThat(contact.get("externalId").isNull()).isTrue();
    assertThat(contact.get("status").isNull()).isTrue();
    assertThat(contact.get("privacyConsent").isNull()).isTrue();
    assertThat(contact.get("groups")).isEmpty();
    assertThat(contact.get("customFields")).isEmpty();
    assertThat(contact.get("companies")).isEmpty();
    assertThat(contact.get("externalUrls")).isEmpty();
    assertThat(contact.get("modifiedDate").asText())
        .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
  }

  @Test
  void shouldAnswerUnableToFindContactWithItsSpecificCode() {
    IvvyServer.Reply reply = server.call("getContact", "{\"id\":\"777\"}");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body().get("errorCode").asInt()).isEqualTo(404);
    assertThat(reply.body().get("message").asText()).isEqualTo("Unable to find contact");
    assertThat(reply.body().get("specificCode").asInt()).isEqualTo(24096);
  }

  @Test
  void shouldNotRevealAnotherTenantsContact() {
    long id =
        server.addOrUpdate(
            "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\"}");

    IvvyServer.Reply reply = server.call("getContact", "{\"id\":" + id + "}", IvvyServer.OTHER);
    IvvyServer.Reply missing =
        server.call("getContact", "{\"id\":" + (id + 1000) + "}", IvvyServer.OTHER);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body()).isEqualTo(missing.body());
  }

  @Test
  void shouldAnswerTheExceptionExamplesOfTheVendorsReference() {
    IvvyServer.Reply wrong = server.call("getContact", "{\"id\":\"wrong\"}");
    IvvyServer.Reply empty = server.call("getContact", "{}");

    assertThat(wrong.body().toString())
        .isEqualTo(
            "{\"errorCode\":400,\"message\":\"'id' does not validate\","
                + "\"specificCode\":23016,\"additionalMessages\":[\"Value must be a whole number\"]}");
    assertThat(empty.body().toString())
        .isEqualTo("{\"errorCode\":400,\"message\":\"'id' is required\",\"specificCode\":23017}");
  }
}
