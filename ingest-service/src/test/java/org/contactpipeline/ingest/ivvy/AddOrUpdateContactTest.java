package org.contactpipeline.ingest.ivvy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.testing.JsonFields.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.contactpipeline.ingest.testing.BrokenReplies;
import org.contactpipeline.ingest.testing.SilentReplies;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code addOrUpdateContact} through the real resolver: adds, updates and iVvy's identity rule. */
class AddOrUpdateContactTest {

  private static final String ADA =
      "\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"Ada@Example.com\"";

  private final IvvyServer server = new IvvyServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldAddAContactKeyedByItsLowerCasedEmailAndAnswerSuccessWithItsId() {
    IvvyServer.Reply reply =
        server.call("addOrUpdateContact", "{" + ADA + ",\"phone\":\"0455550000\"}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(fieldNames(reply.body())).containsExactly("success", "id");
    assertThat(reply.body().get("success").asBoolean()).isTrue();
    assertThat(reply.body().get("id").isIntegralNumber()).isTrue();
    ContactCommand command = server.pipeline.published.get(0);
    assertThat(command.getAction()).isEqualTo(CommandAction.CREATE);
    assertThat(command.getKey()).isEqualTo(new ContactKey("demo", 0, "ada@example.com"));
    JsonNode contact = server.contact(reply.body().get("id").asLong());
    assertThat(contact.get("email").asText()).isEqualTo("Ada@Example.com");
    assertThat(contact.get("phone").asText()).isEqualTo("0455550000");
  }

  @Test
  void shouldUpdateByIdWithTheVendorsExampleAndLeaveWhatTheCallOmits() {
    long id =
        server.addOrUpdate("{" + ADA + ",\"groups\":[{\"groupId\":3}],\"phone\":\"0455550000\"}");

    // The vendor's own "Updating a contact" example, with this contact's id.
    IvvyServer.Reply reply =
        server.call(
            "addOrUpdateContact",
            "{\"id\":"
                + id
                + ",\"firstName\":\"Bobby\","
                + "\"groups\":[{\"groupId\":10}],\"customFields\":[{\"fieldId\":33443,\"value\":\"No\"}],\"companies\":[4,5]}");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().get("success").asBoolean()).isTrue();
    assertThat(reply.body().get("id").asLong()).isEqualTo(id);
    assertThat(server.pipeline.published.get(1).getAction()).isEqualTo(CommandAction.UPDATE);
    assertThat(server.pipeline.published.get(1).getContactId()).isEqualTo(id);
    JsonNode contact = server.contact(id);
    assertThat(contact.get("firstName").asText()).isEqualTo("Bobby");
    assertThat(contact.get("lastName").asText()).isEqualTo("Lovelace");
    assertThat(contact.get("phone").asText()).isEqualTo("0455550000");
    assertThat(contact.get("groups").findValuesAsText("groupId")).containsExactly("10");
    assertThat(contact.get("customFields").get(0).get("fieldId").asText()).isEqualTo("33443");
    assertThat(contact.get("customFields").get(0).get("value").asText()).isEqualTo("No");
    assertThat(contact.get("companies")).extracting(JsonNode::asLong).containsExactly(4L, 5L);
  }

  @Test
  void shouldAcceptWhatCendynAcceptsInTextAndEmail() {
    // Line breaks are data as in every API; the email rule is the one Cendyn validates with.
    long id =
        server.addOrUpdate(
            "{\"firstName\":\"Ada\\nAugusta\",\"lastName\":\"Lovelace\","
                + "\"email\":\"jörg@münchen.de\",\"phone\":\"0455\\t550000\"}");

    JsonNode contact = server.contact(id);
    assertThat(contact.get("firstName").asText()).isEqualTo("Ada\nAugusta");
    assertThat(contact.get("email").asText()).isEqualTo("jörg@münchen.de");
    assertThat(contact.get("phone").asText()).isEqualTo("0455\t550000");
    assertThat(server.pipeline.published.get(0).getKey().getContactKey())
        .isEqualTo("jörg@münchen.de");
  }

  @Test
  void shouldAcceptAnIdSentAsAStringAndTheReferencesLastNameSpelling() {
    long id =
        server.addOrUpdate(
            "{\"firstName\":\"Ada\",\"LastName\":\"Lovelace\",\"email\":\"ada@example.com\","
                + "\"isAnonymised\":false}");

    long updated = server.addOrUpdate("{\"id\":\"" + id + "\",\"LastName\":\"King\"}");

    assertThat(updated).isEqualTo(id);
    assertThat(server.contact(id).get("lastName").asText()).isEqualTo("King");
  }

  @Test
  void shouldUpdateTheSameContactWhenUpdateIfExistsMatchesNamesAndEmailInAnyCase() {
    long id = server.addOrUpdate("{" + ADA + "}");

    long again =
        server.addOrUpdate(
            "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ADA@EXAMPLE.COM\","
                + "\"updateIfExists\":true,\"phone\":\"0400000001\"}");

    assertThat(again).isEqualTo(id);
    assertThat(server.pipeline.published.get(1).getAction())
        .isEqualTo(CommandAction.MATCH_NAMES_OR_CREATE);
    assertThat(server.contact(id).get("phone").asText()).isEqualTo("0400000001");
  }

  @Test
  void shouldAddWithUpdateIfExistsWhenNoContactHasTheEmail() {
    long first = server.addOrUpdate("{" + ADA + ",\"updateIfExists\":true}");
    long second =
        server.addOrUpdate(
            "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@other.org\","
                + "\"updateIfExists\":\"true\"}");

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void shouldAnswerSuccessFalseWhenUpdateIfExistsFindsTheEmailUnderOtherNames() {
    long id = server.addOrUpdate("{" + ADA + "}");

    IvvyServer.Reply reply =
        server.call(
            "addOrUpdateContact",
            "{\"firstName\":\"Augusta\",\"lastName\":\"Lovelace\","
                + "\"email\":\"ada@example.com\",\"updateIfExists\":true,\"phone\":\"0400000002\"}");

    assertFailed(reply, 400);
    assertThat(reply.body().get("message").asText()).contains("another first or last name");
    JsonNode contact = server.contact(id);
    assertThat(contact.get("firstName").asText()).isEqualTo("Ada");
    assertThat(contact.get("phone").isNull()).isTrue();
  }

  @Test
  void shouldAnswerSuccessFalseWhenAddingAnEmailThatExistsWithoutUpdateIfExists() {
    long id = server.addOrUpdate("{" + ADA + "}");

    IvvyServer.Reply reply =
        server.call("addOrUpdateContact", "{" + ADA.replace("Ada@", "ada@") + "}");

    assertFailed(reply, 400);
    assertThat(reply.body().get("message").asText())
        .contains("already exists")
        .contains(Long.toString(id));
  }

  @Test
  void shouldAnswerSuccessFalseForAnUnknownId() {
    IvvyServer.Reply reply =
        server.call("addOrUpdateContact", "{\"id\":424242,\"firstName\":\"Nobody\"}");

    assertFailed(reply, 404);
    assertThat(reply.body().get("message").asText())
        .isEqualTo("Unable to find contact with id 424242");
  }

  @Test
  void shouldNeverUpdateAnotherTenantsContactByIdAndSayOnlyThatItIsNotFound() {
    long id = server.addOrUpdate("{" + ADA + "}");

    IvvyServer.Reply reply =
        server.call(
            "addOrUpdateContact",
            "{\"id\":" + id + ",\"firstName\":\"Mallory\"}",
            IvvyServer.OTHER);

    assertFailed(reply, 404);
    assertThat(reply.body().get("message").asText())
        .isEqualTo("Unable to find contact with id " + id);
    assertThat(server.contact(id).get("firstName").asText()).isEqualTo("Ada");
  }

  @Test
  void shouldKeepTheSameEmailInTwoTenantsAsTwoContacts() {
    long demo = server.addOrUpdate("{" + ADA + "}");
    IvvyServer.Reply other = server.call("addOrUpdateContact", "{" + ADA + "}", IvvyServer.OTHER);

    assertThat(other.body().get("success").asBoolean()).isTrue();
    assertThat(other.body().get("id").asLong()).isNotEqualTo(demo);
    assertThat(server.pipeline.published.get(1).getKey().getTenant()).isEqualTo("other");
  }

  @Test
  void shouldReplaceTheGroupsWithTheGivenOnes() {
    long id =
        server.addOrUpdate(
            "{" + ADA + ",\"groups\":[{\"groupId\":1},{\"groupId\":\"2\"},{\"groupId\":1}]}");
    assertThat(server.contact(id).get("groups").findValuesAsText("groupId"))
        .containsExactly("1", "2");

    server.addOrUpdate("{\"id\":" + id + ",\"groups\":[{\"groupId\":3}]}");
    JsonNode groups = server.contact(id).get("groups");
    assertThat(groups.findValuesAsText("groupId")).containsExactly("3");
    assertThat(groups.get(0).get("contactId").asText()).isEqualTo(Long.toString(id));

    server.addOrUpdate("{\"id\":" + id + ",\"groups\":[]}");
    assertThat(server.contact(id).get("groups")).isEmpty();
  }

  @Test
  void shouldMergeExternalUrlsByRefAndRemoveARefWhoseUrlIsNull() {
    long id =
        server.addOrUpdate(
            "{"
                + ADA
                + ",\"externalUrls\":[{\"ref\":\"crm\",\"url\":\"https://crm.example.com/1\","
                + "\"label\":\"CRM\"},{\"ref\":\"shop\",\"url\":\"https://shop.example.com/ada\"}]}");

    server.addOrUpdate(
        "{\"id\":"
            + id
            + ",\"externalUrls\":[{\"ref\":\"shop\",\"url\":\"https://shop.example.com/a\"},"
            + "{\"ref\":\"blog\",\"url\":\"HTTPS://blog.example.com\"}]}");
    assertThat(urls(id))
        .containsExactlyInAnyOrder(
            "crm=https://crm.example.com/1 (CRM)",
            "shop=https://shop.example.com/a",
            "blog=HTTPS://blog.example.com");

    server.addOrUpdate("{\"id\":" + id + ",\"externalUrls\":[{\"ref\":\"crm\",\"url\":null}]}");
    assertThat(urls(id))
        .containsExactlyInAnyOrder(
            "shop=https://shop.example.com/a", "blog=HTTPS://blog.example.com");
  }

  @Test
  void shouldKeepExternalUrlsWhenTheKeyIsAbsentAndRemoveThemAllWhenItIsNull() {
    long id =
        server.addOrUpdate(
            "{"
                + ADA
                + ",\"externalUrls\":[{\"ref\":\"crm\",\"url\":\"https://crm.example.com\"}]}");

    server.addOrUpdate("{\"id\":" + id + ",\"firstName\":\"Ada\",\"phone\":\"1\"}");
    assertThat(urls(id)).containsExactly("crm=https://crm.example.com");
    assertThat(server.pipeline.published.get(1).getClearExternalUrls()).isFalse();

    server.addOrUpdate("{\"id\":" + id + ",\"externalUrls\":null}");
    assertThat(server.pipeline.published.get(2).getClearExternalUrls()).isTrue();
    assertThat(urls(id)).isEmpty();
  }

  @Test
  void shouldAnswerSuccessFalseWhenAMergeWouldLeaveMoreThanThreeExternalUrls() {
    long id =
        server.addOrUpdate(
            "{"
                + ADA
                + ",\"externalUrls\":[{\"ref\":\"a\",\"url\":\"https://a.example\"},"
                + "{\"ref\":\"b\",\"url\":\"https://b.example\"},{\"ref\":\"c\",\"url\":\"https://c.example\"}]}");

    IvvyServer.Reply reply =
        server.call(
            "addOrUpdateContact",
            "{\"id\":"
                + id
                + ",\"externalUrls\":"
                + "[{\"ref\":\"d\",\"url\":\"https://d.example\"}]}");

    assertFailed(reply, 400);
    assertThat(reply.body().get("message").asText()).contains("at most 3");
    assertThat(urls(id)).hasSize(3);
  }

  @Test
  void shouldSetCustomFieldsOfEveryTypeAndMergeThemByField() {
    long id =
        server.addOrUpdate(
            "{"
                + ADA
                + ",\"customFields\":["
                + "{\"fieldId\":102,\"value\":\"Vegetarian\"},"
                + "{\"fieldId\":\"103\",\"value\":\"Medium\"},"
                + "{\"fieldId\":104,\"value\":\"3\"},"
                + "{\"fieldId\":105,\"value\":\"2024-05-06\"},"
                + "{\"fieldId\":106,\"value\":\"true\"},"
                + "{\"fieldId\":107,\"value\":[\"Spa\",\"Golf\",\"Spa\"]}]}");

    server.addOrUpdate(
        "{\"id\":" + id + ",\"customFields\":[{\"fieldId\":103,\"value\":\"Large\"}]}");

    JsonNode fields = server.contact(id).get("customFields");
    assertThat(fields.findValuesAsText("fieldId"))
        .containsExactly("102", "103", "104", "105", "106", "107");
    assertThat(fields.findValuesAsText("displayName"))
        .containsExactly(
            "Dietary Requirements",
            "Shirt Size",
            "Nights Booked",
            "Arrival Date",
            "VIP",
            "Interests");
    assertThat(fields.get(0).get("value").asText()).isEqualTo("Vegetarian");
    assertThat(fields.get(1).get("value").asText()).isEqualTo("Large");
    assertThat(fields.get(2).get("value").isIntegralNumber()).isTrue();
    assertThat(fields.get(2).get("value").asLong()).isEqualTo(3);
    assertThat(fields.get(3).get("value").asText()).isEqualTo("2024-05-06");
    assertThat(fields.get(4).get("value").isBoolean()).isTrue();
    assertThat(fields.get(4).get("value").asBoolean()).isTrue();
    assertThat(fields.get(5).get("value"))
        .extracting(JsonNode::asText)
        .containsExactly("Spa", "Golf");
  }

  @Test
  void shouldClearACustomFieldGivenNull() {
    long id =
        server.addOrUpdate(
            "{" + ADA + ",\"customFields\":[{\"fieldId\":102,\"value\":\"Vegan\"}]}");

    server.addOrUpdate("{\"id\":" + id + ",\"customFields\":[{\"fieldId\":102,\"value\":null}]}");

    assertThat(server.contact(id).get("customFields").get(0).get("value").isNull()).isTrue();
  }

  @Test
  void shouldSetCompaniesThatExistStatusesExternalIdAndPrivacyConsent() {
    long id =
        server.addOrUpdate(
            "{"
                + ADA
                + ",\"companies\":[\"6\",4],\"status\":5,\"smsStatus\":\"4\","
                + "\"externalId\":\"59fc43b6726be\",\"privacyConsent\":true}");

    JsonNode contact = server.contact(id);
    assertThat(contact.get("companies")).extracting(JsonNode::asLong).containsExactly(6L, 4L);
    assertThat(contact.get("status").asInt()).isEqualTo(5);
    assertThat(contact.get("smsStatus").asInt()).isEqualTo(4);
    assertThat(contact.get("externalId").asText()).isEqualTo("59fc43b6726be");
    assertThat(contact.get("privacyConsent").asBoolean()).isTrue();

    server.addOrUpdate("{\"id\":" + id + ",\"status\":2,\"smsStatus\":1,\"privacyConsent\":false}");
    JsonNode updated = server.contact(id);
    assertThat(updated.get("status").asInt()).isEqualTo(2);
    assertThat(updated.get("smsStatus").asInt()).isEqualTo(1);
    assertThat(updated.get("privacyConsent").asBoolean()).isFalse();
  }

  @Test
  void shouldAcceptEveryDocumentedEmailAndSmsStatus() {
    for (int status : new int[] {1, 2, 3, 5}) {
      long id =
          server.addOrUpdate(
              "{\"firstName\":\"S\",\"lastName\":\""
                  + status
                  + "\",\"email\":\"s"
                  + status
                  + "@example.com\",\"status\":"
                  + status
                  + "}");
      assertThat(server.contact(id).get("status").asInt()).isEqualTo(status);
    }
    for (int sms = 1; sms <= 4; sms++) {
      long id =
          server.addOrUpdate(
              "{\"firstName\":\"M\",\"lastName\":\""
                  + sms
                  + "\",\"email\":\"m"
                  + sms
                  + "@example.com\",\"smsStatus\":"
                  + sms
                  + "}");
      assertThat(server.contact(id).get("smsStatus").asInt()).isEqualTo(sms);
    }
  }

  @Test
  void shouldAnswerServiceUnavailableInIvvysShapeWhenThePipelineRefusesTheCommand() {
    server.pipeline.refuseCommands = true;

    IvvyServer.Reply reply = server.call("addOrUpdateContact", "{" + ADA + "}");

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.body().get("errorCode").asInt()).isEqualTo(503);
    assertThat(reply.body().get("message").asText()).contains("not accepted");
  }

  @Test
  void shouldAnswerGatewayTimeoutInIvvysShapeWhenTheResultIsLate() {
    try (IvvyServer slow = new IvvyServer(new SilentReplies())) {
      IvvyServer.Reply reply = slow.call("addOrUpdateContact", "{" + ADA + "}");

      assertThat(reply.status()).isEqualTo(504);
      assertThat(reply.body().get("errorCode").asInt()).isEqualTo(504);
      assertThat(reply.body().get("message").asText())
          .contains(slow.pipeline.published.get(0).getRequestId());
    }
  }

  @Test
  void shouldAnswerInternalErrorInIvvysShapeWhenTheServiceFailsBeforeSendingAnything() {
    try (IvvyServer broken = new IvvyServer(new BrokenReplies())) {
      IvvyServer.Reply reply = broken.call("addOrUpdateContact", "{" + ADA + "}");

      assertThat(reply.status()).isEqualTo(500);
      assertThat(reply.body().get("errorCode").asInt()).isEqualTo(500);
      assertThat(broken.pipeline.published).isEmpty();
    }
  }

  private List<String> urls(long id) {
    List<String> urls = new ArrayList<>();
    for (JsonNode url : server.contact(id).get("externalUrls")) {
      urls.add(
          url.get("ref").asText()
              + "="
              + url.get("url").asText()
              + (url.get("label").isNull() ? "" : " (" + url.get("label").asText() + ")"));
    }
    return urls;
  }

  private static void assertFailed(IvvyServer.Reply reply, int status) {
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(status);
    assertThat(fieldNames(reply.body())).containsExactly("success", "message");
    assertThat(reply.body().get("success").asBoolean()).isFalse();
    assertThat(reply.body().get("message").asText()).isNotBlank();
  }
}
