package org.contactpipeline.ingest.cendyn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.cendyn.CendynServer.json;
import static org.contactpipeline.ingest.testing.JsonFields.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.contactpipeline.ingest.testing.BrokenReplies;
import org.contactpipeline.ingest.testing.SilentReplies;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ListSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cendyn's create-contact contract at the HTTP boundary, with the real resolver topology behind it.
 * The refusals are in {@link CendynRefusedRequests}, replayed by {@link CendynRefusedRequestsTest}.
 */
class CendynCreateContactTest {

  private final CendynServer cendyn = new CendynServer();

  @AfterEach
  void stop() {
    cendyn.close();
  }

  @Test
  void shouldCreateTheSeedExampleAndEchoItInTheSeedsShape() throws Exception {
    HttpResponse<String> response = cendyn.create(Seed004.REQUEST);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode contact = json(response);
    assertThat(fieldNames(contact))
        .containsExactly(
            "id", "name_first", "name_last", "phone_countrycode", "phone_number", "email", "tags");
    assertThat(contact.get("id").isTextual()).isTrue();
    assertThat(Long.parseLong(contact.get("id").asText())).isPositive();
    assertThat(contact.get("name_first").asText()).isEqualTo("John");
    assertThat(contact.get("name_last").asText()).isEqualTo("Doe");
    assertThat(contact.get("phone_countrycode").asText()).isEqualTo("44");
    assertThat(contact.get("phone_number").asText()).isEqualTo("7712345678");
    assertThat(contact.get("email").asText()).isEqualTo("johndoe@example.com");
    assertThat(contact.get("tags")).extracting(JsonNode::asText).containsExactly("tag1", "tag2");
    assertThat(response.headers().firstValue(CreateContactEndpoint.EMAIL_VALIDATION_HEADER))
        .isEmpty();
  }

  @Test
  void shouldUpsertTheSeedExampleUnderTheLowerCasedEmailOfTheAccount() throws Exception {
    cendyn.create(Seed004.REQUEST.replace("johndoe@example.com", "JohnDoe@Example.com"));

    ContactCommand command = cendyn.pipeline.published.get(0);
    assertThat(cendyn.pipeline.published).hasSize(1);
    assertThat(command.getAction()).isEqualTo(CommandAction.UPSERT);
    assertThat(command.getKey()).isEqualTo(new ContactKey("demo", 0, "johndoe@example.com"));
    ContactData changes = command.getChanges();
    assertThat(changes.getEmail()).isEqualTo("JohnDoe@Example.com");
    assertThat(changes.getFirstName()).isEqualTo("John");
    assertThat(changes.getLastName()).isEqualTo("Doe");
    assertThat(changes.getPhoneCountryCode()).isEqualTo("44");
    assertThat(changes.getPhoneNumber()).isEqualTo("7712345678");
    assertThat(changes.getPhone()).isNull();
    assertThat(changes.getTags()).containsExactly("tag1", "tag2");
    assertThat(changes.getCustomFields()).isNull();
  }

  @Test
  void shouldMapEveryParameterOfTheReferenceOntoTheContact() throws Exception {
    HttpResponse<String> response =
        cendyn.create(
            """
        {"device_id": "dev-1", "name_first": "Ana", "name_last": "Ruiz", "email": "ana@example.es",
         "phone_countrycode": "+34", "phone_number": "612 345 678", "phone": "+34 612345678",
         "city": "Madrid", "country": "ES", "region": "Madrid", "zip": "28001", "full_address": "Gran Via 1\\n2B",
         "born_date": "1990-01-01T00:00:00Z", "gender": "female", "language": "es", "user_id": "u-42",
         "facebook_id": "fb-1", "facebook_friends": 120, "google_id": "g-1", "twitter_id": "tw-1",
         "twitter_followers": 0, "gdpr_date": "2018-05-25T10:30:00+02:00",
         "last_latitude": 27.994401, "last_longitude": -81.726896,
         "list_subscriptions": [{"list_id": "news", "subscribed": true}, {"list_id": "promo", "subscribed": false}],
         "gdpr_marketing_consent": true, "gdpr_accept_terms": false, "gdpr_remote_ip": "2001:db8::1",
         "tags": [], "account_id": "demo"}""");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    ContactData changes = cendyn.pipeline.published.get(0).getChanges();
    assertThat(cendyn.pipeline.published.get(0).getKey().getContactKey())
        .isEqualTo("ana@example.es");
    assertThat(changes.getDeviceId()).isEqualTo("dev-1");
    assertThat(changes.getPhoneCountryCode()).isEqualTo("34");
    assertThat(changes.getPhoneNumber()).isEqualTo("612345678");
    assertThat(changes.getPhone()).isEqualTo("+34 612345678");
    assertThat(changes.getAddress().getCity()).isEqualTo("Madrid");
    assertThat(changes.getAddress().getCountry()).isEqualTo("ES");
    assertThat(changes.getAddress().getRegion()).isEqualTo("Madrid");
    assertThat(changes.getAddress().getZip()).isEqualTo("28001");
    assertThat(changes.getAddress().getFullAddress()).isEqualTo("Gran Via 1\n2B");
    assertThat(changes.getBirthDate()).isEqualTo(Instant.parse("1990-01-01T00:00:00Z"));
    assertThat(changes.getGender()).isEqualTo("FEMALE");
    assertThat(changes.getLanguage()).isEqualTo("ES");
    assertThat(changes.getUserId()).isEqualTo("u-42");
    assertThat(changes.getSocialIds().getFacebookId()).isEqualTo("fb-1");
    assertThat(changes.getSocialIds().getFacebookFriends()).isEqualTo(120L);
    assertThat(changes.getSocialIds().getGoogleId()).isEqualTo("g-1");
    assertThat(changes.getSocialIds().getTwitterId()).isEqualTo("tw-1");
    assertThat(changes.getSocialIds().getTwitterFollowers()).isZero();
    assertThat(changes.getConsent().getGdprDate()).isEqualTo(Instant.parse("2018-05-25T08:30:00Z"));
    assertThat(changes.getConsent().getGdprMarketingConsent()).isTrue();
    assertThat(changes.getConsent().getGdprAcceptTerms()).isFalse();
    assertThat(changes.getConsent().getGdprRemoteIp()).isEqualTo("2001:db8::1");
    assertThat(changes.getLastLatitude()).isEqualTo(27.994401);
    assertThat(changes.getLastLongitude()).isEqualTo(-81.726896);
    assertThat(changes.getListSubscriptions())
        .containsExactly(new ListSubscription("news", true), new ListSubscription("promo", false));
    assertThat(changes.getTags()).isEmpty();
    assertThat(changes.getCustomFields()).isNull();

    JsonNode contact = json(response);
    assertThat(fieldNames(contact))
        .containsExactly(
            "id",
            "name_first",
            "name_last",
            "phone_countrycode",
            "phone_number",
            "email",
            "tags",
            "device_id",
            "phone",
            "city",
            "country",
            "region",
            "zip",
            "full_address",
            "born_date",
            "gender",
            "language",
            "user_id",
            "facebook_id",
            "facebook_friends",
            "google_id",
            "twitter_id",
            "twitter_followers",
            "gdpr_date",
            "last_latitude",
            "last_longitude",
            "list_subscriptions",
            "gdpr_marketing_consent",
            "gdpr_accept_terms",
            "gdpr_remote_ip");
    assertThat(contact.get("born_date").asText()).isEqualTo("1990-01-01T00:00:00Z");
    assertThat(contact.get("gdpr_date").asText()).isEqualTo("2018-05-25T08:30:00Z");
    assertThat(contact.get("facebook_friends").isIntegralNumber()).isTrue();
    assertThat(contact.get("last_latitude").asDouble()).isEqualTo(27.994401);
    assertThat(contact.get("list_subscriptions").get(1).get("subscribed").asBoolean()).isFalse();
    assertThat(contact.get("gdpr_accept_terms").isBoolean()).isTrue();
  }

  @Test
  void shouldKeyAContactWithoutEmailByThePlusAndDigitsOfItsPhone() throws Exception {
    cendyn.create("{\"phone_countrycode\": \"44\", \"phone_number\": \"7712 345-678\"}");
    cendyn.create("{\"phone\": \"+44 7712 345678\"}");

    assertThat(cendyn.pipeline.published)
        .extracting(command -> command.getKey().getContactKey())
        .containsExactly("+447712345678", "+447712345678");
    assertThat(json(cendyn.list("")).findValuesAsText("id")).hasSize(1);
  }

  @Test
  void shouldAcceptACalendarDateAsMidnightUtc() throws Exception {
    HttpResponse<String> response =
        cendyn.create("{\"email\": \"d@example.com\", \"born_date\": \"1990-01-31\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(cendyn.pipeline.published.get(0).getChanges().getBirthDate())
        .isEqualTo(Instant.parse("1990-01-31T00:00:00Z"));
  }

  @Test
  void shouldKeepExtraKeysAsCustomFieldsAndEchoThemBack() throws Exception {
    HttpResponse<String> response =
        cendyn.create(
            """
        {"email": "custom@example.com", "loyalty_tier": "gold", "visits": 3, "vip": true, "score": 4.5,
         "prefs": {"rooms": ["suite", 12], "smoking": null}, "nothing": null, "channel_subscriptions": []}""");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(cendyn.pipeline.published.get(0).getChanges().getCustomFields())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "loyalty_tier",
                "\"gold\"",
                "visits",
                "3",
                "vip",
                "true",
                "score",
                "4.5",
                "prefs",
                "{\"rooms\":[\"suite\",12],\"smoking\":null}",
                "nothing",
                "null",
                "channel_subscriptions",
                "[]"));
    JsonNode contact = json(response);
    assertThat(fieldNames(contact))
        .containsExactly(
            "id",
            "email",
            "channel_subscriptions",
            "loyalty_tier",
            "nothing",
            "prefs",
            "score",
            "vip",
            "visits");
    assertThat(contact.get("loyalty_tier").asText()).isEqualTo("gold");
    assertThat(contact.get("visits").isIntegralNumber()).isTrue();
    assertThat(contact.get("vip").asBoolean()).isTrue();
    assertThat(contact.get("score").asDouble()).isEqualTo(4.5);
    assertThat(contact.get("prefs").toString())
        .isEqualTo("{\"rooms\":[\"suite\",12],\"smoking\":null}");
    assertThat(contact.get("nothing").isNull()).isTrue();
    assertThat(json(cendyn.list("email=custom@example.com")).get(0)).isEqualTo(contact);
  }

  @Test
  void shouldUpdateTheContactWhenTheSameEmailIsCreatedAgain() throws Exception {
    JsonNode first =
        json(
            cendyn.create(
                "{\"email\": \"again@example.com\", \"name_first\": \"Al\", \"tier\": 1}"));

    HttpResponse<String> second =
        cendyn.create(
            "{\"email\": \"AGAIN@example.com\", \"name_last\": \"Bee\", \"tier\": 2, \"tags\": [\"t\"]}");

    assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
    JsonNode merged = json(second);
    assertThat(merged.get("id")).isEqualTo(first.get("id"));
    assertThat(merged.get("name_first").asText()).isEqualTo("Al");
    assertThat(merged.get("name_last").asText()).isEqualTo("Bee");
    assertThat(merged.get("email").asText()).isEqualTo("AGAIN@example.com");
    assertThat(merged.get("tier").asInt()).isEqualTo(2);
    assertThat(json(cendyn.list("")).findValuesAsText("id"))
        .containsExactly(first.get("id").asText());
  }

  @Test
  void shouldServeThePathWithoutItsTrailingSlash() throws Exception {
    HttpResponse<String> response =
        cendyn.post("/v2/account/demo/contact", Seed004.REQUEST, "Token token=demo-token");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void shouldCreateAValidEmailWhenValidationIsAsked() throws Exception {
    HttpResponse<String> response =
        cendyn.create(
            "{\"email\": \"valid.name+tag@mail.example.co.uk\", \"email_validation\": {\"validate\": true}}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.headers().firstValue(CreateContactEndpoint.EMAIL_VALIDATION_HEADER))
        .isEmpty();
    assertThat(cendyn.pipeline.published.get(0).getChanges().getCustomFields()).isNull();
  }

  @Test
  void shouldCreateAnInvalidEmailWhenCreateIfInvalidSaysSoAndSayWhyInAHeader() throws Exception {
    HttpResponse<String> response =
        cendyn.create(
            "{\"email\": \"john@example\", \"email_validation\":"
                + " {\"validate\": true, \"create_if_invalid\": true}}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.headers().firstValue(CreateContactEndpoint.EMAIL_VALIDATION_HEADER))
        .hasValue("invalid; the email has no top-level domain");
    assertThat(json(response).get("email").asText()).isEqualTo("john@example");
    assertThat(cendyn.pipeline.published.get(0).getChanges().getCustomFields()).isNull();
  }

  @Test
  void shouldTakeAnyEmailWhenValidationIsNotAsked() throws Exception {
    HttpResponse<String> response = cendyn.create("{\"email\": \"  John..Doe@Localhost  \"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(cendyn.pipeline.published.get(0).getKey().getContactKey())
        .isEqualTo("john..doe@localhost");
    assertThat(json(response).get("email").asText()).isEqualTo("John..Doe@Localhost");
  }

  @Test
  void shouldAnswer403ForAnotherAccountsPathBeforeLookingAtTheBody() throws Exception {
    for (String body : new String[] {Seed004.REQUEST, "not json", "{}"}) {
      HttpResponse<String> response =
          cendyn.post("/v2/account/demo/contact/", body, "Token token=other-token");
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(fieldNames(json(response))).containsExactly("error");
      assertThat(json(response).get("error").asText()).contains("account demo");
    }
    assertThat(cendyn.pipeline.published).isEmpty();
  }

  @Test
  void shouldScopeTheContactToTheAccountOfThePath() throws Exception {
    HttpResponse<String> response =
        cendyn.post("/v2/account/other/contact/", Seed004.REQUEST, "Token token=other-token");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(cendyn.pipeline.published.get(0).getKey())
        .isEqualTo(new ContactKey("other", 0, "johndoe@example.com"));
    assertThat(json(cendyn.list(""))).isEmpty();
  }

  @Test
  void shouldAnswer404InCendynsShapeForAnUnknownRoute() throws Exception {
    HttpResponse<String> response =
        cendyn.get("/v2/account/demo/campaigns", "Token token=demo-token");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(fieldNames(json(response))).containsExactly("error");
  }

  @Test
  void shouldAnswer503WhenThePipelineDoesNotAcceptTheCommand() throws Exception {
    cendyn.pipeline.refuseCommands = true;

    HttpResponse<String> response = cendyn.create(Seed004.REQUEST);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json(response).get("error").asText()).contains("was not accepted; retrying is safe");
  }

  @Test
  void shouldAnswer504NamingTheRequestWhenTheResultIsLate() throws Exception {
    try (CendynServer silent = new CendynServer(new SilentReplies())) {
      HttpResponse<String> response = silent.create(Seed004.REQUEST);

      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(fieldNames(json(response))).containsExactly("error");
      assertThat(json(response).get("error").asText())
          .contains("request " + silent.pipeline.published.get(0).getRequestId())
          .contains("did not arrive in time");
    }
  }

  @Test
  void shouldAnswer500InCendynsShapeWhenTheServiceFailsBeforeSendingAnything() throws Exception {
    try (CendynServer broken = new CendynServer(new BrokenReplies())) {
      HttpResponse<String> response = broken.create(Seed004.REQUEST);

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(fieldNames(json(response))).containsExactly("error");
      assertThat(broken.pipeline.published).isEmpty();
    }
  }
}
