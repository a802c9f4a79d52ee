package org.contactpipeline.ingest.cendyn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactpipeline.ingest.cendyn.CendynServer.fieldNames;
import static org.contactpipeline.ingest.cendyn.CendynServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.contactpipeline.ingest.pipeline.ResponseWaiter;
import org.contactpipeline.schemas.avro.CommandAction;
import org.contactpipeline.schemas.avro.ContactCommand;
import org.contactpipeline.schemas.avro.ContactData;
import org.contactpipeline.schemas.avro.ContactKey;
import org.contactpipeline.schemas.avro.ContactResponse;
import org.contactpipeline.schemas.avro.ListSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cendyn's create-contact contract at the HTTP boundary, with the real resolver topology behind it. */
class CendynCreateContactTest {

  /** The example request of Cendyn's reference, as printed there. */
  static final String SEED_REQUEST = """
      {
        "name_first": "John",
        "name_last": "Doe",
        "email": "johndoe@example.com",
        "phone_countrycode": "44",
        "phone_number": "7712345678",
        "tags": [
          "tag1",
          "tag2"
        ]
      }""";

  private final CendynServer cendyn = new CendynServer();

  @AfterEach
  void stop() {
    cendyn.close();
  }

  @Test
  void shouldCreateTheSeedExampleAndEchoItInTheSeedsShape() throws Exception {
    HttpResponse<String> response = cendyn.create(SEED_REQUEST);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode contact = json(response);
    assertThat(fieldNames(contact))
        .containsExactly("id", "name_first", "name_last", "phone_countrycode", "phone_number", "email", "tags");
    assertThat(contact.get("id").isTextual()).isTrue();
    assertThat(Long.parseLong(contact.get("id").asText())).isPositive();
    assertThat(contact.get("name_first").asText()).isEqualTo("John");
    assertThat(contact.get("name_last").asText()).isEqualTo("Doe");
    assertThat(contact.get("phone_countrycode").asText()).isEqualTo("44");
    assertThat(contact.get("phone_number").asText()).isEqualTo("7712345678");
    assertThat(contact.get("email").asText()).isEqualTo("johndoe@example.com");
    assertThat(contact.get("tags")).extracting(JsonNode::asText).containsExactly("tag1", "tag2");
    assertThat(response.headers().firstValue(CreateContactHandler.EMAIL_VALIDATION_HEADER)).isEmpty();
  }

  @Test
  void shouldUpsertTheSeedExampleUnderTheLowerCasedEmailOfTheAccount() throws Exception {
    cendyn.create(SEED_REQUEST.replace("johndoe@example.com", "JohnDoe@Example.com"));

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
    HttpResponse<String> response = cendyn.create("""
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
    assertThat(cendyn.pipeline.published.get(0).getKey().getContactKey()).isEqualTo("ana@example.es");
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
    assertThat(fieldNames(contact)).containsExactly("id", "name_first", "name_last", "phone_countrycode",
        "phone_number", "email", "tags", "device_id", "phone", "city", "country", "region", "zip", "full_address",
        "born_date", "gender", "language", "user_id", "facebook_id", "facebook_friends", "google_id", "twitter_id",
        "twitter_followers", "gdpr_date", "last_latitude", "last_longitude", "list_subscriptions",
        "gdpr_marketing_consent", "gdpr_accept_terms", "gdpr_remote_ip");
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
    cendyn.create("{\"phone\": \"+44 (0)7712345678\".replace}".replace(".replace", "").replace(" (0)", " "));

    assertThat(cendyn.pipeline.published).extracting(command -> command.getKey().getContactKey())
        .containsExactly("+447712345678", "+447712345678");
    assertThat(json(cendyn.list("")).findValuesAsText("id")).hasSize(1);
  }

  @Test
  void shouldAcceptACalendarDateAsMidnightUtc() throws Exception {
    HttpResponse<String> response = cendyn.create("{\"email\": \"d@example.com\", \"born_date\": \"1990-01-31\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(cendyn.pipeline.published.get(0).getChanges().getBirthDate())
        .isEqualTo(Instant.parse("1990-01-31T00:00:00Z"));
  }

  @Test
  void shouldKeepExtraKeysAsCustomFieldsAndEchoThemBack() throws Exception {
    HttpResponse<String> response = cendyn.create("""
        {"email": "custom@example.com", "loyalty_tier": "gold", "visits": 3, "vip": true, "score": 4.5,
         "prefs": {"rooms": ["suite", 12], "smoking": null}, "nothing": null, "channel_subscriptions": []}""");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(cendyn.pipeline.published.get(0).getChanges().getCustomFields()).containsExactlyInAnyOrderEntriesOf(
        Map.of("loyalty_tier", "\"gold\"", "visits", "3", "vip", "true", "score", "4.5",
            "prefs", "{\"rooms\":[\"suite\",12],\"smoking\":null}", "nothing", "null", "channel_subscriptions", "[]"));
    JsonNode contact = json(response);
    assertThat(fieldNames(contact)).containsExactly("id", "email",
        "channel_subscriptions", "loyalty_tier", "nothing", "prefs", "score", "visits", "vip");
    assertThat(contact.get("loyalty_tier").asText()).isEqualTo("gold");
    assertThat(contact.get("visits").isIntegralNumber()).isTrue();
    assertThat(contact.get("vip").asBoolean()).isTrue();
    assertThat(contact.get("score").asDouble()).isEqualTo(4.5);
    assertThat(contact.get("prefs").toString()).isEqualTo("{\"rooms\":[\"suite\",12],\"smoking\":null}");
    assertThat(contact.get("nothing").isNull()).isTrue();
    assertThat(json(cendyn.list("email=custom@example.com")).get(0)).isEqualTo(contact);
  }

  @Test
  void shouldUpdateTheContactWhenTheSameEmailIsCreatedAgain() throws Exception {
    JsonNode first = json(cendyn.create("{\"email\": \"again@example.com\", \"name_first\": \"Al\", \"tier\": 1}"));

    HttpResponse<String> second = cendyn.create(
        "{\"email\": \"AGAIN@example.com\", \"name_last\": \"Bee\", \"tier\": 2, \"tags\": [\"t\"]}");

    assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
    JsonNode merged = json(second);
    assertThat(merged.get("id")).isEqualTo(first.get("id"));
    assertThat(merged.get("name_first").asText()).isEqualTo("Al");
    assertThat(merged.get("name_last").asText()).isEqualTo("Bee");
    assertThat(merged.get("email").asText()).isEqualTo("AGAIN@example.com");
    assertThat(merged.get("tier").asInt()).isEqualTo(2);
    assertThat(json(cendyn.list("")).findValuesAsText("id")).containsExactly(first.get("id").asText());
  }

  @Test
  void shouldServeThePathWithoutItsTrailingSlash() throws Exception {
    HttpResponse<String> response = cendyn.post("/v2/account/demo/contact", SEED_REQUEST, "Token token=demo-token");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void shouldCreateAValidEmailWhenValidationIsAsked() throws Exception {
    HttpResponse<String> response = cendyn.create(
        "{\"email\": \"valid.name+tag@mail.example.co.uk\", \"email_validation\": {\"validate\": true}}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.headers().firstValue(CreateContactHandler.EMAIL_VALIDATION_HEADER)).isEmpty();
    assertThat(cendyn.pipeline.published.get(0).getChanges().getCustomFields()).isNull();
  }

  @Test
  void shouldRefuseAnInvalidEmailWhenValidationIsAskedNamingTheEmail() throws Exception {
    assertRefused(cendyn.create("{\"email\": \"john..doe@example.com\", \"email_validation\": {\"validate\": true}}"),
        422, "email 'john..doe@example.com' is not a valid email address: it has consecutive dots");
    assertRefused(cendyn.create("{\"email\": \"john@example\", \"email_validation\": {\"validate\": true,"
        + " \"create_if_no_credit\": true}}"), 422, "email 'john@example' is not a valid email address");
  }

  @Test
  void shouldCreateAnInvalidEmailWhenCreateIfInvalidSaysSoAndSayWhyInAHeader() throws Exception {
    HttpResponse<String> response = cendyn.create("{\"email\": \"john@example\", \"email_validation\":"
        + " {\"validate\": true, \"create_if_invalid\": true}}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.headers().firstValue(CreateContactHandler.EMAIL_VALIDATION_HEADER))
        .hasValue("invalid; the email has no top-level domain");
    assertThat(json(response).get("email").asText()).isEqualTo("john@example");
    assertThat(cendyn.pipeline.published.get(0).getChanges().getCustomFields()).isNull();
  }

  @Test
  void shouldTakeAnyEmailWhenValidationIsNotAsked() throws Exception {
    HttpResponse<String> response = cendyn.create("{\"email\": \"  not-an-email  \"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(cendyn.pipeline.published.get(0).getKey().getContactKey()).isEqualTo("not-an-email");
  }

  @Test
  void shouldRefuseBodiesThatAreNotOneJsonObject() throws Exception {
    assertRefused(cendyn.create("{\"email\": \"a@example.com\""), 400, "the request body is not valid JSON");
    assertRefused(cendyn.create(""), 400, "the request body must be a JSON object");
    assertRefused(cendyn.create("[]"), 400, "the request body must be a JSON object");
    assertRefused(cendyn.create("\"a@example.com\""), 400, "the request body must be a JSON object");
    assertRefused(cendyn.create("{\"email\": \"a@example.com\", \"email\": \"b@example.com\"}"), 400,
        "the request body is not valid JSON: Duplicate field 'email'");
  }

  @Test
  void shouldRequireAnEmailOrAPhone() throws Exception {
    String required = "email or phone is required";
    assertRefused(cendyn.create("{}"), 422, required);
    assertRefused(cendyn.create("{\"name_first\": \"John\", \"email\": null}"), 422, required);
    assertRefused(cendyn.create("{\"email\": \" \"}"), 422, "email must not be blank");
  }

  @Test
  void shouldRefuseAnEmailTheContactKeyCannotHold() throws Exception {
    assertRefused(cendyn.create("{\"email\": 42}"), 422, "email must be a string");
    assertRefused(cendyn.create("{\"email\": \"a\\u0007b@example.com\"}"), 422,
        "email contains the control character U+0007");
    assertRefused(cendyn.create("{\"email\": \"" + "a".repeat(250) + "@example.com\"}"), 422,
        "email is longer than 254 octets");
  }

  @Test
  void shouldRefusePhonePartsWithoutTheirPartner() throws Exception {
    String together = "phone_countrycode and phone_number must be given together";
    assertRefused(cendyn.create("{\"phone_number\": \"7712345678\"}"), 422, together);
    assertRefused(cendyn.create("{\"phone_countrycode\": \"44\"}"), 422, together);
    assertRefused(cendyn.create("{\"phone\": \"+447712345678\", \"phone_countrycode\": \"44\"}"), 422, together);
  }

  @Test
  void shouldRefuseMalformedPhoneNumbers() throws Exception {
    assertRefused(phone("\"0044\"", "\"7712345678\""), 422, "phone_countrycode must be a country calling code");
    assertRefused(phone("\"UK\"", "\"7712345678\""), 422, "phone_countrycode must be a country calling code");
    assertRefused(phone("44", "\"7712345678\""), 422, "phone_countrycode must be a string");
    assertRefused(phone("\"44\"", "\"+447712345678\""), 422, "phone_number must hold only digits");
    assertRefused(phone("\"44\"", "\"123\""), 422, "phone_number must have at least 4 digits");
    assertRefused(phone("\"44\"", "\"7712345678901234\""), 422, "together have 18 digits; a phone number has at most 15");
    assertRefused(cendyn.create("{\"phone\": \"call me\"}"), 422, "phone must be a phone number with its country code");
    assertRefused(cendyn.create("{\"phone\": \"+1234\"}"), 422, "phone must have 5 to 15 digits");
    assertRefused(cendyn.create("{\"phone\": \"+1234567890123456\"}"), 422, "phone must have 5 to 15 digits");
    assertRefused(cendyn.create("{\"phone\": \"00447712345678\"}"), 422, "phone must start with the country code");
    assertRefused(cendyn.create("{\"phone\": \"+447712345679\", \"phone_countrycode\": \"44\","
        + " \"phone_number\": \"7712345678\"}"), 422, "phone '+447712345679' is not the number that");
  }

  @Test
  void shouldRefuseDatesThatAreNotIso8601WithAZone() throws Exception {
    assertRefused(field("born_date", "\"01/01/1990\""), 422,
        "born_date must be an ISO-8601 date-time with a zone such as 1990-01-01T00:00:00Z");
    assertRefused(field("born_date", "\"1990-01-01T00:00:00\""), 422, "born_date must be an ISO-8601 date-time");
    assertRefused(field("born_date", "\"1990-02-30T00:00:00Z\""), 422, "born_date must be an ISO-8601 date-time");
    assertRefused(field("born_date", "631152000"), 422, "born_date must be a string");
    assertRefused(field("born_date", "\"+12000-01-01T00:00:00Z\""), 422, "born_date must be in the years 1 to 9999");
    assertRefused(field("gdpr_date", "\"yesterday\""), 422, "gdpr_date must be an ISO-8601 date-time");
  }

  @Test
  void shouldRefuseGendersOtherThanMaleOrFemale() throws Exception {
    assertRefused(field("gender", "\"OTHER\""), 422, "gender must be MALE or FEMALE, was 'OTHER'");
    assertRefused(field("gender", "\"M\""), 422, "gender must be MALE or FEMALE");
  }

  @Test
  void shouldRefuseLanguagesThatAreNotIso6391() throws Exception {
    assertRefused(field("language", "\"ESP\""), 422, "language must be a two-letter ISO 639-1 language code");
    assertRefused(field("language", "\"XX\""), 422, "language must be a two-letter ISO 639-1 language code");
    assertRefused(field("language", "\"es-ES\""), 422, "language must be a two-letter ISO 639-1 language code");
  }

  @Test
  void shouldRefuseCountsThatAreNotWholeNumbersOfAtLeastZero() throws Exception {
    for (String name : new String[] {"facebook_friends", "twitter_followers"}) {
      assertRefused(field(name, "-1"), 422, name + " must be a whole number of at least 0, was -1");
      assertRefused(field(name, "1.5"), 422, name + " must be a whole number of at least 0");
      assertRefused(field(name, "\"12\""), 422, name + " must be a whole number of at least 0");
      assertRefused(field(name, "99999999999999999999"), 422, name + " must be a whole number of at least 0");
    }
  }

  @Test
  void shouldRefuseCoordinatesOutOfRangeOrNotNumbers() throws Exception {
    assertRefused(field("last_latitude", "90.5"), 422, "last_latitude must be a number from -90 to 90, was 90.5");
    assertRefused(field("last_latitude", "\"27.99\""), 422, "last_latitude must be a number from -90 to 90");
    assertRefused(field("last_longitude", "-180.1"), 422, "last_longitude must be a number from -180 to 180");
  }

  @Test
  void shouldRefuseTagsThatAreNotAnArrayOfStrings() throws Exception {
    assertRefused(field("tags", "\"tag1\""), 422, "tags must be an array");
    assertRefused(field("tags", "[\"tag1\", 2]"), 422, "tags[1] must be a string that is not blank");
    assertRefused(field("tags", "[\"\"]"), 422, "tags[0] must be a string that is not blank");
  }

  @Test
  void shouldRefuseMalformedListSubscriptions() throws Exception {
    assertRefused(field("list_subscriptions", "{\"list_id\": \"a\", \"subscribed\": true}"), 422,
        "list_subscriptions must be an array");
    assertRefused(field("list_subscriptions", "[\"a\"]"), 422, "list_subscriptions[0] must be a JSON object");
    assertRefused(field("list_subscriptions", "[{\"list_id\": \"a\"}]"), 422,
        "list_subscriptions[0] needs both list_id and subscribed");
    assertRefused(field("list_subscriptions", "[{\"list_id\": \"a\", \"subscribed\": \"yes\"}]"), 422,
        "list_subscriptions[0].subscribed must be true or false");
    assertRefused(field("list_subscriptions", "[{\"list_id\": 7, \"subscribed\": true}]"), 422,
        "list_subscriptions[0].list_id must be a string");
    assertRefused(field("list_subscriptions", "[{\"list_id\": \"a\", \"subscribed\": true, \"since\": 1}]"), 422,
        "list_subscriptions[0].since is not a known parameter");
    assertRefused(field("list_subscriptions", "[{\"list_id\": \"a\", \"subscribed\": true},"
        + " {\"list_id\": \"a\", \"subscribed\": false}]"), 422, "list_subscriptions[1] names list 'a' a second time");
  }

  @Test
  void shouldRefuseGdprFlagsThatAreNotBooleans() throws Exception {
    assertRefused(field("gdpr_marketing_consent", "\"true\""), 422, "gdpr_marketing_consent must be true or false");
    assertRefused(field("gdpr_accept_terms", "1"), 422, "gdpr_accept_terms must be true or false");
  }

  @Test
  void shouldRefuseARemoteIpThatIsNotAnIpAddress() throws Exception {
    for (String ip : new String[] {"example.com", "256.1.1.1", "1.2.3", "01.2.3.4", "::g", "1::2::3", "fe80::1%eth0"}) {
      assertRefused(field("gdpr_remote_ip", "\"" + ip + "\""), 422,
          "gdpr_remote_ip must be an IPv4 or IPv6 address, was '" + ip + "'");
    }
  }

  @Test
  void shouldRefuseMalformedEmailValidationOptions() throws Exception {
    assertRefused(field("email_validation", "true"), 422, "email_validation must be a JSON object");
    assertRefused(field("email_validation", "{\"validate\": \"true\"}"), 422,
        "email_validation.validate must be true or false");
    assertRefused(field("email_validation", "{\"validation\": true}"), 422,
        "email_validation.validation is not a known parameter");
  }

  @Test
  void shouldRefuseTextParametersThatAreNotStringsOrCannotBeStored() throws Exception {
    assertRefused(field("name_first", "5"), 422, "name_first must be a string");
    assertRefused(field("zip", "28001"), 422, "zip must be a string");
    assertRefused(field("city", "\"Ma\\u0000drid\""), 422, "city contains the NUL character at position 2");
    assertRefused(field("name_last", "\"\\ud800\""), 422, "name_last contains an unpaired UTF-16 surrogate");
  }

  @Test
  void shouldRefuseCustomFieldsThatShadowTheIdOrCannotBeStored() throws Exception {
    assertRefused(field("id", "\"550aac3da096734ce5000001\""), 422, "id is assigned by the API");
    assertRefused(field("_id", "\"550aac3da096734ce5000001\""), 422, "_id is assigned by the API");
    assertRefused(field(" ", "1"), 422, "a custom field needs a name");
    assertRefused(field("notes", "{\"a\": [\"x\\u0000\"]}"), 422, "custom field 'notes' contains the NUL character");
  }

  @Test
  void shouldRefuseABodyNamingAnotherAccount() throws Exception {
    assertRefused(field("account_id", "\"other\""), 422, "account_id 'other' in the body is not the account 'demo'");
  }

  @Test
  void shouldAnswer401InCendynsShapeWithoutOrWithAWrongToken() throws Exception {
    for (String authorization : new String[] {null, "Token token=wrong", "Bearer demo-token", "Token demo-token"}) {
      HttpResponse<String> response = cendyn.post("/v2/account/demo/contact/", SEED_REQUEST, authorization);
      assertThat(response.statusCode()).as(authorization).isEqualTo(401);
      assertThat(fieldNames(json(response))).containsExactly("error");
      assertThat(json(response).get("error").asText()).startsWith("Not Authorized");
    }
    assertThat(cendyn.pipeline.published).isEmpty();
  }

  @Test
  void shouldAnswer403ForAnotherAccountsPathBeforeLookingAtTheBody() throws Exception {
    for (String body : new String[] {SEED_REQUEST, "not json", "{}"}) {
      HttpResponse<String> response = cendyn.post("/v2/account/demo/contact/", body, "Token token=other-token");
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(fieldNames(json(response))).containsExactly("error");
      assertThat(json(response).get("error").asText()).contains("account demo");
    }
    assertThat(cendyn.pipeline.published).isEmpty();
  }

  @Test
  void shouldScopeTheContactToTheAccountOfThePath() throws Exception {
    HttpResponse<String> response = cendyn.post("/v2/account/other/contact/", SEED_REQUEST, "Token token=other-token");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(cendyn.pipeline.published.get(0).getKey()).isEqualTo(new ContactKey("other", 0, "johndoe@example.com"));
    assertThat(json(cendyn.list(""))).isEmpty();
  }

  @Test
  void shouldAnswer404InCendynsShapeForAnUnknownRoute() throws Exception {
    HttpResponse<String> response = cendyn.get("/v2/account/demo/campaigns", "Token token=demo-token");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(fieldNames(json(response))).containsExactly("error");
  }

  @Test
  void shouldAnswer503WhenThePipelineDoesNotAcceptTheCommand() throws Exception {
    cendyn.pipeline.refuseCommands = true;

    HttpResponse<String> response = cendyn.create(SEED_REQUEST);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json(response).get("error").asText()).contains("was not accepted; retrying is safe");
  }

  @Test
  void shouldAnswer504NamingTheRequestWhenTheResultIsLate() throws Exception {
    try (CendynServer silent = new CendynServer(new NeverAnswering())) {
      HttpResponse<String> response = silent.create(SEED_REQUEST);

      assertThat(response.statusCode()).isEqualTo(504);
      assertThat(fieldNames(json(response))).containsExactly("error");
      assertThat(json(response).get("error").asText())
          .contains("request " + silent.pipeline.published.get(0).getRequestId())
          .contains("did not arrive in time");
    }
  }

  private HttpResponse<String> phone(String countryCode, String number) throws Exception {
    return cendyn.create("{\"phone_countrycode\": " + countryCode + ", \"phone_number\": " + number + "}");
  }

  /** A create with a valid email and this one parameter. */
  private HttpResponse<String> field(String name, String jsonValue) throws Exception {
    return cendyn.create("{\"email\": \"field@example.com\", \"" + name + "\": " + jsonValue + "}");
  }

  private void assertRefused(HttpResponse<String> response, int status, String error) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(fieldNames(body)).containsExactly("error");
    assertThat(body.get("error").asText()).contains(error);
    assertThat(cendyn.pipeline.published).isEmpty();
  }

  /** Replies that never come, as when the resolver is down after Kafka took the command. */
  private static final class NeverAnswering implements ResponseWaiter {

    @Override
    public String replyTo() {
      return "ingest-test";
    }

    @Override
    public CompletableFuture<ContactResponse> expect(String requestId) {
      return new CompletableFuture<>();
    }
  }
}
