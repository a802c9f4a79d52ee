package org.contactpipeline.ingest.cendyn;

import java.util.ArrayList;
import java.util.List;
import org.contactpipeline.ingest.testing.RefusedRequest;

/**
 * Every request the Cendyn API must refuse before anything reaches the pipeline, with what its
 * {@code {"error": ...}} must say: one entry per validation rule of create and list. Replayed by
 * {@link CendynRefusedRequestsTest} on the test pipeline and by the integration tests on the real
 * stack (tenant {@code demo}, token {@code demo-token}).
 */
public final class CendynRefusedRequests {

  public static final String CONTACTS = "/v2/account/demo/contact/";
  public static final String AUTHORIZATION = "Token token=demo-token";

  private static final int MALFORMED = 400;
  private static final int UNPROCESSABLE = 422;

  private final List<RefusedRequest> requests = new ArrayList<>();

  private CendynRefusedRequests() {}

  public static List<RefusedRequest> all() {
    CendynRefusedRequests catalogue = new CendynRefusedRequests();
    catalogue.authentication();
    catalogue.bodies();
    catalogue.identity();
    catalogue.phones();
    catalogue.parameters();
    catalogue.emailValidation();
    catalogue.customFields();
    catalogue.listQueries();
    catalogue.bulkCreates();
    return List.copyOf(catalogue.requests);
  }

  public static final String BULK = CONTACTS + "create_bulk";

  /** Bodies of {@code create_bulk} that publish nothing: the whole request is refused. */
  private void bulkCreates() {
    String one = "{\"email\": \"a@example.com\"}";
    bulk("a bulk body that is not JSON", "{\"contacts\": [", MALFORMED, "not valid JSON");
    bulk("a bulk body that is not an object", "[" + one + "]", MALFORMED, "JSON object");
    bulk("a bulk without contacts", "{}", UNPROCESSABLE, "contacts is required");
    bulk("a bulk with no contact", "{\"contacts\": []}", UNPROCESSABLE, "contacts is required");
    bulk(
        "contacts that are not an array",
        "{\"contacts\": " + one + "}",
        UNPROCESSABLE,
        "contacts must be an array");
    bulk("5,001 contacts", bulkOf(5_001), UNPROCESSABLE, "at most 5000");
    bulk(
        "a contact that is not an object",
        "{\"contacts\": [" + one + ", \"b@example.com\"]}",
        UNPROCESSABLE,
        "contacts[1] must be a JSON object");
    bulk(
        "invalid contacts among valid ones, each named by its index",
        "{\"contacts\": ["
            + one
            + ", {\"email\": \"no-at-sign\"}, "
            + one
            + ", {\"name_first\": \"Ann\"}]}",
        UNPROCESSABLE,
        "2 of 4 contacts are invalid, so none was created: contacts[1].email must contain an @");
    bulk(
        "a megabyte email without an @, refused by its length rather than quoted back",
        "{\"contacts\": [{\"email\": \"" + "x".repeat(1 << 20) + "\"}]}",
        UNPROCESSABLE,
        "contacts[0].email is longer than 254 octets");
    bulk(
        "a contact without email or phone, named by its index",
        "{\"contacts\": [" + one + ", {\"name_first\": \"Ann\"}]}",
        UNPROCESSABLE,
        "contacts[1]: email or phone is required");
    bulk(
        "a contact of more than 64 KiB of data",
        "{\"contacts\": [{\"email\": \"a@example.com\", \"note\": \""
            + "x".repeat(70_000)
            + "\"}]}",
        UNPROCESSABLE,
        "contacts[0] holds 70");
    bulk(
        "a contact field of the wrong type",
        "{\"contacts\": [{\"email\": \"a@example.com\", \"facebook_friends\": \"many\"}]}",
        UNPROCESSABLE,
        "contacts[0].facebook_friends must be a whole number");
    bulk(
        "an invalid email when validate_emails is set",
        "{\"validate_emails\": true, \"contacts\": [{\"email\": \"a@localhost\"}]}",
        UNPROCESSABLE,
        "contacts[0].email 'a@localhost' is not a valid email address");
    bulk(
        "match_contact_user_id that is not a boolean",
        "{\"match_contact_user_id\": \"yes\", \"contacts\": [" + one + "]}",
        UNPROCESSABLE,
        "match_contact_user_id must be true or false");
    bulk(
        "a malformed webhook_url",
        "{\"webhook_url\": \"not a url\", \"contacts\": [" + one + "]}",
        UNPROCESSABLE,
        "webhook_url cannot be used");
    bulk(
        // Refused by every policy; private addresses are CallbackPolicyTest's, since a deployment
        // may allow them (the local stack does, for callbacks on this machine).
        "a webhook_url carrying credentials",
        "{\"webhook_url\": \"https://user:pw@hooks.example.com/h\", \"contacts\": [" + one + "]}",
        UNPROCESSABLE,
        "must not carry credentials");
    bulk(
        "a webhook_url that is not a string",
        "{\"webhook_url\": 12, \"contacts\": [" + one + "]}",
        UNPROCESSABLE,
        "webhook_url must be a string");
    bulk(
        "an unknown contacts_webhook_extra_fields field",
        "{\"contacts_webhook_extra_fields\": [\"name_first\", \"shoe_size\"], \"contacts\": ["
            + one
            + "]}",
        UNPROCESSABLE,
        "contacts_webhook_extra_fields[1] names 'shoe_size'");
    bulk(
        "an unknown bulk parameter",
        "{\"contact\": [" + one + "]}",
        UNPROCESSABLE,
        "contact is not a known parameter");
    bulk(
        "another account_id in the body",
        "{\"account_id\": \"other\", \"contacts\": [" + one + "]}",
        UNPROCESSABLE,
        "is not the account 'demo' of the path");
    requests.add(
        new RefusedRequest(
            "the status of an unknown bulk",
            "GET",
            BULK + "/4d6f7e1c-0000-4000-8000-000000000000",
            AUTHORIZATION,
            null,
            404,
            "bulk 4d6f7e1c-0000-4000-8000-000000000000 not found"));
    requests.add(
        new RefusedRequest(
            "the status of a bulk in another account's path",
            "GET",
            "/v2/account/other/contact/create_bulk/4d6f7e1c-0000-4000-8000-000000000000",
            AUTHORIZATION,
            null,
            403,
            "Forbidden"));
  }

  /** A bulk body of {@code contacts} distinct contacts. */
  static String bulkOf(int contacts) {
    StringBuilder body = new StringBuilder("{\"contacts\": [");
    for (int i = 0; i < contacts; i++) {
      body.append(i == 0 ? "" : ",").append("{\"email\": \"c").append(i).append("@example.com\"}");
    }
    return body.append("]}").toString();
  }

  private void bulk(String rule, String body, int status, String mustMention) {
    requests.add(new RefusedRequest(rule, "POST", BULK, AUTHORIZATION, body, status, mustMention));
  }

  private void authentication() {
    String seed = "{\"email\": \"johndoe@example.com\"}";
    requests.add(
        new RefusedRequest(
            "create without a token", "POST", CONTACTS, null, seed, 401, "Not Authorized"));
    requests.add(
        new RefusedRequest(
            "create with an unknown token",
            "POST",
            CONTACTS,
            "Token token=wrong",
            seed,
            401,
            "Not Authorized"));
    requests.add(
        new RefusedRequest(
            "create with a bearer token",
            "POST",
            CONTACTS,
            "Bearer demo-token",
            seed,
            401,
            "Token token="));
    requests.add(
        new RefusedRequest(
            "list with an unknown token",
            "GET",
            CONTACTS,
            "Token token=wrong",
            null,
            401,
            "Not Authorized"));
  }

  private void bodies() {
    malformed(
        "a body that is not JSON",
        "{\"email\": \"a@example.com\"",
        "the request body is not valid JSON");
    malformed(
        "anything after the JSON body",
        "{\"email\": \"a@example.com\"} ]]]",
        "the request body is not valid JSON");
    malformed("an empty body", "", "the request body must be a JSON object");
    malformed("an array body", "[]", "the request body must be a JSON object");
    malformed("a string body", "\"a@example.com\"", "the request body must be a JSON object");
    malformed(
        "a parameter given twice",
        "{\"email\": \"a@example.com\", \"email\": \"b@example.com\"}",
        "Duplicate field 'email'");
    malformed(
        "a nested parameter given twice",
        "{\"email\": \"a@example.com\", \"list_subscriptions\": [{\"list_id\": \"a\", \"list_id\": \"b\"}]}",
        "the request body gives list_subscriptions[0].list_id more than once");
    create(
        "a body naming another account",
        "{\"email\": \"a@example.com\", \"account_id\": \"other\"}",
        "account_id 'other' in the body is not the account 'demo'");
  }

  private void identity() {
    String required = "email or phone is required";
    create("neither email nor phone", "{}", required);
    create("a null email and no phone", "{\"name_first\": \"John\", \"email\": null}", required);
    create("a blank email", "{\"email\": \" \"}", "email must not be blank");
    create("an email that is not a string", "{\"email\": 42}", "email must be a string");
    create(
        "an email without an @, even unvalidated",
        "{\"email\": \"+447712345678\"}",
        "email must contain an @, was '+447712345678'");
    create(
        "an email with a control character",
        "{\"email\": \"a\\u0007b@example.com\"}",
        "email contains the control character U+0007");
    create(
        "an email longer than 254 octets",
        "{\"email\": \"" + "a".repeat(250) + "@example.com\"}",
        "email is longer than 254 octets");
  }

  private void phones() {
    String together = "phone_countrycode and phone_number must be given together";
    create(
        "a phone number without its country code", "{\"phone_number\": \"7712345678\"}", together);
    create("a country code without a phone number", "{\"phone_countrycode\": \"44\"}", together);
    create(
        "a full phone with a lone country code",
        "{\"phone\": \"+447712345678\", \"phone_countrycode\": \"44\"}",
        together);
    phone(
        "a country code with an international prefix",
        "\"0044\"",
        "\"7712345678\"",
        "phone_countrycode must be a country calling code of 1 to 3 digits");
    phone(
        "a country code of letters",
        "\"UK\"",
        "\"7712345678\"",
        "phone_countrycode must be a country calling code");
    phone(
        "a country code that is a number",
        "44",
        "\"7712345678\"",
        "phone_countrycode must be a string");
    phone(
        "a phone number with its country code",
        "\"44\"",
        "\"+447712345678\"",
        "phone_number must hold only digits");
    phone(
        "a phone number of 3 digits",
        "\"44\"",
        "\"123\"",
        "phone_number must have at least 4 digits");
    phone(
        "a country code and number of more than 15 digits",
        "\"44\"",
        "\"7712345678901234\"",
        "together have 18 digits; a phone number has at most 15");
    create(
        "a full phone of words",
        "{\"phone\": \"call me\"}",
        "phone must be a phone number with its country code");
    create("a full phone of 4 digits", "{\"phone\": \"+1234\"}", "phone must have 5 to 15 digits");
    create(
        "a full phone of 16 digits",
        "{\"phone\": \"+1234567890123456\"}",
        "phone must have 5 to 15 digits");
    create(
        "a full phone with an international prefix",
        "{\"phone\": \"00447712345678\"}",
        "phone must start with the country code");
    create(
        "a full phone that differs from country code and number",
        "{\"phone\": \"+447712345679\", \"phone_countrycode\": \"44\", \"phone_number\": \"7712345678\"}",
        "phone '+447712345679' is not the number that");
  }

  private void parameters() {
    field(
        "a birth date that is not ISO-8601",
        "born_date",
        "\"01/01/1990\"",
        "born_date must be an ISO-8601 date-time with a zone such as 1990-01-01T00:00:00Z");
    field(
        "a birth date without a zone",
        "born_date",
        "\"1990-01-01T00:00:00\"",
        "born_date must be an ISO-8601 date-time");
    field(
        "a birth date that does not exist",
        "born_date",
        "\"1990-02-30T00:00:00Z\"",
        "born_date must be an ISO-8601 date-time");
    field("a birth date as epoch seconds", "born_date", "631152000", "born_date must be a string");
    field(
        "a birth date after the year 9999",
        "born_date",
        "\"+12000-01-01T00:00:00Z\"",
        "born_date must be in the years 1 to 9999");
    field(
        "a GDPR date that is not ISO-8601",
        "gdpr_date",
        "\"yesterday\"",
        "gdpr_date must be an ISO-8601 date-time");
    field(
        "a gender other than MALE or FEMALE",
        "gender",
        "\"OTHER\"",
        "gender must be MALE or FEMALE, was 'OTHER'");
    field("an abbreviated gender", "gender", "\"M\"", "gender must be MALE or FEMALE");
    field(
        "a three-letter language",
        "language",
        "\"ESP\"",
        "language must be a two-letter ISO 639-1 language code");
    field(
        "an unknown two-letter language",
        "language",
        "\"XX\"",
        "language must be a two-letter ISO 639-1");
    field(
        "a language tag with a region",
        "language",
        "\"es-ES\"",
        "language must be a two-letter ISO 639-1");
    for (String count : List.of("facebook_friends", "twitter_followers")) {
      field(
          "negative " + count,
          count,
          "-1",
          count + " must be a whole number of at least 0, was -1");
      field("fractional " + count, count, "1.5", count + " must be a whole number of at least 0");
      field(
          count + " as a string", count, "\"12\"", count + " must be a whole number of at least 0");
      field(
          count + " beyond a long",
          count,
          "99999999999999999999",
          count + " must be a whole number of at least 0");
    }
    field(
        "a latitude above 90",
        "last_latitude",
        "90.5",
        "last_latitude must be a number from -90 to 90, was 90.5");
    field(
        "a latitude as a string",
        "last_latitude",
        "\"27.99\"",
        "last_latitude must be a number from -90 to 90");
    field(
        "a longitude below -180",
        "last_longitude",
        "-180.1",
        "last_longitude must be a number from -180 to 180");
    field("tags as a string", "tags", "\"tag1\"", "tags must be an array");
    field(
        "a tag that is a number",
        "tags",
        "[\"tag1\", 2]",
        "tags[1] must be a string that is not blank");
    field("an empty tag", "tags", "[\"\"]", "tags[0] must be a string that is not blank");
    field(
        "list subscriptions as an object",
        "list_subscriptions",
        "{\"list_id\": \"a\", \"subscribed\": true}",
        "list_subscriptions must be an array");
    field(
        "a list subscription that is a string",
        "list_subscriptions",
        "[\"a\"]",
        "list_subscriptions[0] must be a JSON object");
    field(
        "a list subscription without subscribed",
        "list_subscriptions",
        "[{\"list_id\": \"a\"}]",
        "list_subscriptions[0] needs both list_id and subscribed");
    field(
        "a list subscription subscribed \"yes\"",
        "list_subscriptions",
        "[{\"list_id\": \"a\", \"subscribed\": \"yes\"}]",
        "list_subscriptions[0].subscribed must be true or false");
    field(
        "a list id that is a number",
        "list_subscriptions",
        "[{\"list_id\": 7, \"subscribed\": true}]",
        "list_subscriptions[0].list_id must be a string");
    field(
        "a list subscription with an unknown member",
        "list_subscriptions",
        "[{\"list_id\": \"a\", \"subscribed\": true, \"since\": 1}]",
        "list_subscriptions[0].since is not a known parameter");
    field(
        "the same list twice",
        "list_subscriptions",
        "[{\"list_id\": \"a\", \"subscribed\": true}, {\"list_id\": \"a\", \"subscribed\": false}]",
        "list_subscriptions[1] names list 'a' a second time");
    field(
        "a marketing consent as a string",
        "gdpr_marketing_consent",
        "\"true\"",
        "gdpr_marketing_consent must be true or false");
    field(
        "terms accepted as a number",
        "gdpr_accept_terms",
        "1",
        "gdpr_accept_terms must be true or false");
    for (String ip :
        List.of(
            "example.com", "256.1.1.1", "1.2.3", "01.2.3.4", "::g", "1::2::3", "fe80::1%eth0")) {
      field(
          "the remote IP " + ip,
          "gdpr_remote_ip",
          "\"" + ip + "\"",
          "gdpr_remote_ip must be an IPv4 or IPv6 address, was '" + ip + "'");
    }
    field("a first name that is a number", "name_first", "5", "name_first must be a string");
    field("a zip that is a number", "zip", "28001", "zip must be a string");
    field(
        "a city with a NUL character",
        "city",
        "\"Ma\\u0000drid\"",
        "city contains the NUL character at position 2");
    field(
        "a last name with an unpaired surrogate",
        "name_last",
        "\"\\ud800\"",
        "name_last contains an unpaired UTF-16 surrogate");
  }

  private void emailValidation() {
    create(
        "an invalid email when validation is asked",
        "{\"email\": \"john..doe@example.com\", \"email_validation\": {\"validate\": true}}",
        "email 'john..doe@example.com' is not a valid email address: it has consecutive dots");
    create(
        "an invalid email when validation is asked, whatever create_if_no_credit says",
        "{\"email\": \"john@example\", \"email_validation\": {\"validate\": true, \"create_if_no_credit\": true}}",
        "email 'john@example' is not a valid email address: it has no top-level domain");
    field(
        "email validation options that are not an object",
        "email_validation",
        "true",
        "email_validation must be a JSON object");
    field(
        "email validation asked with a string",
        "email_validation",
        "{\"validate\": \"true\"}",
        "email_validation.validate must be true or false");
    field(
        "an unknown email validation option",
        "email_validation",
        "{\"validation\": true}",
        "email_validation.validation is not a known parameter");
  }

  private void customFields() {
    field(
        "a custom field named id",
        "id",
        "\"550aac3da096734ce5000001\"",
        "id is assigned by the API");
    field(
        "a custom field named _id",
        "_id",
        "\"550aac3da096734ce5000001\"",
        "_id is assigned by the API");
    field("a custom field with a blank name", " ", "1", "a custom field needs a name");
    field(
        "a custom field holding a NUL character",
        "notes",
        "{\"a\": [\"x\\u0000\"]}",
        "custom field 'notes' contains the NUL character");
  }

  private void listQueries() {
    list("a limit of 0", "limit=0", "limit must be a whole number from 1 to 1000, was '0'");
    list("a negative limit", "limit=-5", "limit must be a whole number from 1 to 1000");
    list(
        "a limit that is not a number", "limit=ten", "limit must be a whole number from 1 to 1000");
    list(
        "a limit above the cap",
        "limit=1001",
        "limit must be a whole number from 1 to 1000, was '1001'");
    list(
        "a contact_id_from that is not an id",
        "contact_id_from=550aac3da096734ce5000001",
        "contact_id_from must be a contact id");
    list("a contact_id_from of 0", "contact_id_from=0", "contact_id_from must be a contact id");
    list("descending order", "order=desc", "order 'desc' is not supported");
    list("an unknown filter", "phone=%2B447712345678", "unknown query parameter 'phone'");
    list(
        "a filter given twice",
        "email=a%40example.com&email=b%40example.com",
        "query parameter email is given 2 times");
    list("an empty filter", "name_first=", "query parameter name_first is empty");
    list(
        "a country code filter of letters",
        "phone_countrycode=UK",
        "phone_countrycode must be a country calling code");
    list(
        "a phone number filter of words",
        "phone_number=call",
        "phone_number must hold the digits of a number");
  }

  private void create(String rule, String body, String mustMention) {
    requests.add(
        new RefusedRequest(
            "create with " + rule,
            "POST",
            CONTACTS,
            AUTHORIZATION,
            body,
            UNPROCESSABLE,
            mustMention));
  }

  private void malformed(String rule, String body, String mustMention) {
    requests.add(
        new RefusedRequest(
            "create with " + rule, "POST", CONTACTS, AUTHORIZATION, body, MALFORMED, mustMention));
  }

  private void phone(String rule, String countryCode, String number, String mustMention) {
    create(
        rule,
        "{\"phone_countrycode\": " + countryCode + ", \"phone_number\": " + number + "}",
        mustMention);
  }

  /** A create with a valid email and this one parameter. */
  private void field(String rule, String name, String jsonValue, String mustMention) {
    create(
        rule,
        "{\"email\": \"field@example.com\", \"" + name + "\": " + jsonValue + "}",
        mustMention);
  }

  private void list(String rule, String query, String mustMention) {
    requests.add(
        new RefusedRequest(
            "list with " + rule,
            "GET",
            CONTACTS + "?" + query,
            AUTHORIZATION,
            null,
            MALFORMED,
            mustMention));
  }
}
