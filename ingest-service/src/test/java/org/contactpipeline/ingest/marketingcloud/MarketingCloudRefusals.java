package org.contactpipeline.ingest.marketingcloud;

import static org.contactpipeline.ingest.marketingcloud.Requests.byId;
import static org.contactpipeline.ingest.marketingcloud.Requests.byKey;
import static org.contactpipeline.ingest.marketingcloud.Requests.deleteBody;
import static org.contactpipeline.ingest.marketingcloud.Requests.emailAddresses;
import static org.contactpipeline.ingest.marketingcloud.Requests.emailDemographics;
import static org.contactpipeline.ingest.marketingcloud.Requests.lineAddresses;
import static org.contactpipeline.ingest.marketingcloud.Requests.lineDemographics;
import static org.contactpipeline.ingest.marketingcloud.Requests.lineSubscriptions;
import static org.contactpipeline.ingest.marketingcloud.Requests.mobileConnect;
import static org.contactpipeline.ingest.marketingcloud.Requests.set;
import static org.contactpipeline.ingest.marketingcloud.Requests.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.contactpipeline.ingest.testing.RefusedRequest;

/**
 * Every request the Marketing Cloud contact endpoints must refuse before anything reaches the
 * pipeline: one entry per validation rule, for tenant {@code demo}, with the {@code resultCode} the
 * refusal must carry. {@link MarketingCloudRefusalsTest} replays them on the test pipeline; the
 * integration tests can replay them on the real stack. Limits are the defaults of {@code
 * IngestConfig} (100 values, keys of at most 254 characters).
 */
public final class MarketingCloudRefusals {

  public static final String AUTHORIZATION = "Bearer demo-token";
  public static final int MAX_ITEMS = 100;
  public static final int MAX_KEY_LENGTH = 254;

  static final String CONTACTS = "/contacts/v1/contacts";
  static final String DELETE = "/contacts/v1/contacts/actions/delete";
  static final String SEARCH = "/contacts/v1/addresses/email/search";

  private static final String EMAIL = emailAddresses("a@example.com");

  private final List<RefusedRequest> requests = new ArrayList<>();

  private MarketingCloudRefusals() {}

  public static List<RefusedRequest> all() {
    MarketingCloudRefusals catalogue = new MarketingCloudRefusals();
    catalogue.bodiesAndIdentity();
    catalogue.attributeSetShapes();
    catalogue.seedRules();
    catalogue.attributeValues();
    catalogue.deletes();
    catalogue.reads();
    return List.copyOf(catalogue.requests);
  }

  private void bodiesAndIdentity() {
    post("a body that is not JSON", "{\"contactKey\":", "InvalidRequestBody");
    post(
        "anything after the JSON body",
        byKey("k1", EMAIL) + " {\"contactKey\": \"k2\"}",
        "InvalidRequestBody");
    post("an empty body", "", "InvalidRequestBody");
    post("an array body", "[" + byKey("k1", EMAIL) + "]", "InvalidRequestBody");
    post(
        "a member given twice",
        "{\"contactKey\":\"k1\",\"contactKey\":\"k2\",\"attributeSets\":[" + EMAIL + "]}",
        "InvalidRequestBody");
    post(
        "a member given twice in two spellings",
        "{\"contactKey\":\"k1\",\"ContactKey\":\"k2\",\"attributeSets\":[" + EMAIL + "]}",
        "InvalidRequestBody");
    post(
        "neither contactKey nor contactID",
        "{\"attributeSets\":[" + EMAIL + "]}",
        "ContactKeyOrIdRequired");
    patch(
        "a PATCH with neither contactKey nor contactID",
        "{\"attributeSets\":[" + EMAIL + "]}",
        "ContactKeyOrIdRequired");
    post(
        "a null contactKey",
        "{\"contactKey\":null,\"attributeSets\":[" + EMAIL + "]}",
        "ContactKeyOrIdRequired");
    post(
        "a contactKey that is a number",
        "{\"contactKey\":12,\"attributeSets\":[" + EMAIL + "]}",
        "InvalidContactKey");
    post("a blank contactKey", byKey(" ", EMAIL), "InvalidContactKey");
    post("a contactKey with a control character", byKey("k\u0001", EMAIL), "InvalidContactKey");
    post(
        "a contactKey with an unpaired surrogate",
        "{\"contactKey\":\"k\\ud800\",\"attributeSets\":[" + EMAIL + "]}",
        "InvalidContactKey");
    post(
        "a contactKey longer than allowed",
        byKey("k".repeat(MAX_KEY_LENGTH + 1), EMAIL),
        "ContactKeyTooLong");
    post("a negative contactID", byId(-1, EMAIL), "InvalidContactId");
    post("a zero contactID", byId(0, EMAIL), "InvalidContactId");
    post("a contactID of letters", byId("abc", EMAIL), "InvalidContactId");
    patch("a fractional contactID", byId(1.5, EMAIL), "InvalidContactId");
  }

  private void attributeSetShapes() {
    post("no attributeSets", "{\"contactKey\":\"k1\"}", "AttributeSetsRequired");
    patch("a PATCH without attributeSets", "{\"contactKey\":\"k1\"}", "AttributeSetsRequired");
    post("empty attributeSets", byKey("k1"), "AttributeSetsRequired");
    post(
        "attributeSets that are not an array",
        "{\"contactKey\":\"k1\",\"attributeSets\":{}}",
        "AttributeSetsRequired");
    post("an attribute set that is not an object", byKey("k1", "1"), "InvalidAttributeSet");
    post("an attribute set without a name", byKey("k1", "{\"items\":[]}"), "InvalidAttributeSet");
    post(
        "an attribute set whose name is not text",
        byKey("k1", "{\"name\":5,\"items\":[]}"),
        "InvalidAttributeSet");
    post(
        "an attribute set without items or values",
        byKey("k1", "{\"name\":\"Email Addresses\"}"),
        "InvalidAttributeSetItems");
    post(
        "an attribute set with empty items",
        byKey("k1", "{\"name\":\"Email Addresses\",\"items\":[]}"),
        "InvalidAttributeSetItems");
    post(
        "an attribute set with both items and values",
        byKey("k1", "{\"name\":\"Email Addresses\",\"items\":[{\"values\":[]}],\"values\":[]}"),
        "InvalidAttributeSetItems");
    post(
        "an item without values",
        byKey("k1", "{\"name\":\"Email Addresses\",\"items\":[{}]}"),
        "InvalidAttributeSetItems");
    post(
        "an item with empty values",
        byKey("k1", "{\"name\":\"Email Addresses\",\"items\":[{\"values\":[]}]}"),
        "InvalidAttributeValues");
    post(
        "an attribute without a name",
        byKey("k1", "{\"name\":\"Email Addresses\",\"items\":[{\"values\":[{\"value\":1}]}]}"),
        "InvalidAttributeValues");
    post(
        "an attribute set the data model does not have",
        byKey("k1", EMAIL, set("Loyalty Points", value("Points", 3))),
        "UnknownAttributeSet");
    post(
        "an attribute the set does not have",
        byKey(
            "k1",
            set(
                "Email Addresses",
                value("Email Address", "a@example.com"),
                value("HTML Enabled", true),
                value("Shoe Size", 42))),
        "UnknownAttribute");
    post(
        "the same attribute twice, by name and by key",
        byKey(
            "k1",
            set(
                "Email Addresses",
                value("Email Address", "a@example.com"),
                value("HTML Enabled", true),
                value("htmlenabled", false))),
        "DuplicateAttribute");
  }

  /** The rules of seed 001, line by line. */
  private void seedRules() {
    post(
        "a create without a creating set (LINE Addresses alone)",
        byKey("k1", lineAddresses()),
        "CreatingAttributeSetRequired");
    post(
        "a create without a creating set (LINE Subscriptions alone)",
        byKey("k1", lineSubscriptions()),
        "CreatingAttributeSetRequired");
    post(
        "Email Demographics without Email Addresses",
        byKey("k1", mobileConnect("317-531-5555", "US"), emailDemographics("A", "C")),
        "RequiredAttributeSetMissing");
    patch(
        "a PATCH of Email Demographics without Email Addresses",
        byKey("k1", emailDemographics("A", "C")),
        "RequiredAttributeSetMissing");
    post(
        "MobileConnect Demographics without a Locale",
        byKey("k1", set("MobileConnect Demographics", value("Mobile Number", "317-531-5555"))),
        "AttributeRequired");
    for (String locale : List.of("English", "en", "XX", "en-XX", "", "U S")) {
      post(
          "MobileConnect Demographics with the Locale '" + locale + "', which has no country code",
          byKey("k1", mobileConnect("317-531-5555", locale)),
          "InvalidAttributeValue");
    }
    post(
        "MobilePush Demographics without an ApplicationID",
        byKey("k1", set("MobilePush Demographics", value("Device ID", "d1"))),
        "AttributeRequired");
    post(
        "MobilePush Demographics with a null Application",
        byKey(
            "k1",
            set("MobilePush Demographics", value("Device ID", "d1"), value("Application", null))),
        "AttributeRequired");
    post(
        "LINE Demographics without LINE Addresses or LINE Subscriptions",
        byKey("k1", EMAIL, lineDemographics()),
        "RequiredAttributeSetMissing");
    post(
        "LINE Demographics without LINE Subscriptions",
        byKey("k1", EMAIL, lineAddresses(), lineDemographics()),
        "RequiredAttributeSetMissing");
    post(
        "LINE Demographics without LINE Addresses",
        byKey("k1", EMAIL, lineSubscriptions(), lineDemographics()),
        "RequiredAttributeSetMissing");
    for (String name :
        List.of(
            "WhatsApp Addresses",
            "whatsapp demographics",
            "GroupConnect Whats App Subscriptions")) {
      post(
          "the WhatsApp set '" + name + "'",
          byKey("k1", EMAIL, set(name, value("Address ID", "w1"))),
          "WhatsAppNotSupported");
    }
    post(
        "the same set twice",
        byKey("k1", EMAIL, emailAddresses("b@example.com")),
        "DuplicateAttributeSet");
    post(
        "the same set twice, by name and by key",
        byKey(
            "k1",
            EMAIL,
            set(
                "EmailAddresses",
                value("Email Address", "b@example.com"),
                value("HTML Enabled", true))),
        "DuplicateAttributeSet");
    post(
        "two items of one set",
        byKey(
            "k1",
            "{\"name\":\"Email Addresses\",\"items\":["
                + "{\"values\":["
                + value("Email Address", "a@example.com")
                + ","
                + value("HTML Enabled", true)
                + "]},"
                + "{\"values\":["
                + value("Email Address", "b@example.com")
                + ","
                + value("HTML Enabled", true)
                + "]}]}"),
        "MultipleAttributeSetItems");
    post(
        "Email Addresses without HTML Enabled",
        byKey("k1", set("Email Addresses", value("Email Address", "a@example.com"))),
        "AttributeRequired");
    patch(
        "a PATCH of Email Addresses without HTML Enabled",
        byKey("k1", set("Email Addresses", value("Email Address", "a@example.com"))),
        "AttributeRequired");
    post(
        "Email Addresses without an Email Address",
        byKey("k1", set("Email Addresses", value("HTML Enabled", true))),
        "AttributeRequired");
  }

  private void attributeValues() {
    Map<String, String> wrongTypes =
        Map.ofEntries(
            Map.entry(
                "a Number given text",
                byKey(
                    "k1",
                    EMAIL,
                    set("Email Demographics", value("Number Profile Attribute", "twelve")))),
            Map.entry(
                "a Number given a fraction",
                byKey(
                    "k1",
                    EMAIL,
                    set("Email Demographics", value("Number Profile Attribute", 1.5)))),
            Map.entry(
                "a Boolean given a number",
                byKey(
                    "k1",
                    set(
                        "Email Addresses",
                        value("Email Address", "a@example.com"),
                        value("HTML Enabled", 1)))),
            Map.entry(
                "a Boolean given other text",
                byKey(
                    "k1",
                    set(
                        "Email Addresses",
                        value("Email Address", "a@example.com"),
                        value("HTML Enabled", "yes")))),
            Map.entry(
                "an EmailAddress given no address",
                byKey(
                    "k1",
                    set(
                        "Email Addresses",
                        value("Email Address", "acruz-at-example.com"),
                        value("HTML Enabled", true)))),
            Map.entry(
                "an EmailAddress given a number",
                byKey(
                    "k1",
                    set(
                        "Email Addresses",
                        value("Email Address", 12345),
                        value("HTML Enabled", true)))),
            Map.entry("a Phone given letters", byKey("k1", mobileConnect("call me maybe", "US"))),
            Map.entry("a Phone given too few digits", byKey("k1", mobileConnect("555-12", "US"))),
            Map.entry(
                "a Text given a fraction",
                byKey("k1", EMAIL, set("Email Demographics", value("First Name", 1.5)))),
            Map.entry(
                "a Text given a boolean",
                byKey("k1", EMAIL, set("Email Demographics", value("First Name", true)))),
            Map.entry(
                "a Text given an object",
                byKey("k1", EMAIL, set("Email Demographics", value("First Name", Map.of("a", 1))))),
            Map.entry(
                "a Text given an array",
                byKey("k1", EMAIL, set("Email Demographics", value("First Name", List.of("A"))))),
            Map.entry(
                "a Text with a NUL character",
                byKey("k1", EMAIL, set("Email Demographics", value("First Name", "A\u0000")))));
    wrongTypes.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(wrong -> post(wrong.getKey(), wrong.getValue(), "InvalidAttributeValue"));
    post(
        "a Text longer than its attribute allows",
        byKey("k1", EMAIL, set("Email Demographics", value("First Name", "A".repeat(101)))),
        "AttributeValueTooLong");
  }

  private void deletes() {
    String keys = DELETE + "?type=keys";
    String ids = DELETE + "?type=ids";
    delete("a delete without type", DELETE, deleteBody("k1"), "DeleteTypeRequired");
    delete(
        "a delete of type listReference",
        DELETE + "?type=listReference",
        deleteBody("k1"),
        "InvalidDeleteType");
    delete("a delete without a body", keys, "", "InvalidRequestBody");
    delete(
        "a delete without values",
        keys,
        "{\"DeleteOperationType\":\"ContactAndAttributes\"}",
        "ValuesRequired");
    delete("a delete with empty values", keys, deleteBody(), "ValuesRequired");
    delete(
        "a delete whose values are not an array",
        keys,
        "{\"values\":\"k1\",\"DeleteOperationType\":\"ContactAndAttributes\"}",
        "ValuesRequired");
    delete(
        "a delete of more values than allowed",
        keys,
        deleteBody(IntStream.rangeClosed(0, MAX_ITEMS).mapToObj(Integer::toString).toArray()),
        "TooManyValues");
    delete("a delete by keys given a number", keys, deleteBody("k1", 7), "InvalidValue");
    delete("a delete by keys given an empty key", keys, deleteBody(""), "InvalidValue");
    delete("a delete by keys given a key with a NUL", keys, deleteBody("k\u0000"), "InvalidValue");
    delete(
        "a delete by keys given a key longer than allowed",
        keys,
        deleteBody("k".repeat(MAX_KEY_LENGTH + 1)),
        "InvalidValue");
    delete("a delete by ids given letters", ids, deleteBody("abc"), "InvalidValue");
    delete("a delete by ids given a negative id", ids, deleteBody(-5), "InvalidValue");
    delete("a delete by ids given a fraction", ids, deleteBody(1.5), "InvalidValue");
    delete(
        "a delete without DeleteOperationType",
        keys,
        "{\"values\":[\"k1\"]}",
        "DeleteOperationTypeRequired");
    delete(
        "a delete of the reserved AttributesOnly",
        keys,
        "{\"values\":[\"k1\"],\"DeleteOperationType\":\"AttributesOnly\"}",
        "UnsupportedDeleteOperationType");
  }

  private void reads() {
    search("an email search without ChannelAddressList", "{}", "ChannelAddressListRequired");
    search(
        "an email search with an empty ChannelAddressList",
        "{\"ChannelAddressList\":[]}",
        "ChannelAddressListRequired");
    search(
        "an email search whose ChannelAddressList is not an array",
        "{\"ChannelAddressList\":\"a@example.com\"}",
        "ChannelAddressListRequired");
    search(
        "an email search of more addresses than allowed",
        "{\"ChannelAddressList\":["
            + String.join(",", Collections.nCopies(MAX_ITEMS + 1, "\"a@example.com\""))
            + "]}",
        "TooManyChannelAddresses");
    search(
        "an email search for something that is no email address",
        "{\"ChannelAddressList\":[\"not an address\"]}",
        "InvalidChannelAddress");
    search("an email search for a number", "{\"ChannelAddressList\":[7]}", "InvalidChannelAddress");
    search(
        "an email search with MaximumCount 0",
        "{\"ChannelAddressList\":[\"a@example.com\"],\"MaximumCount\":0}",
        "InvalidMaximumCount");
    search(
        "an email search with MaximumCount above the limit",
        "{\"ChannelAddressList\":[\"a@example.com\"],"
            + "\"MaximumCount\":"
            + (MAX_ITEMS + 1)
            + "}",
        "InvalidMaximumCount");
    search("an email search that is not JSON", "not json", "InvalidRequestBody");
    get("a lookup by an ID of letters", CONTACTS + "/id:abc", "InvalidContactId");
    get("a lookup by ID 0", CONTACTS + "/id:0", "InvalidContactId");
    get("a lookup by an empty key", CONTACTS + "/key:", "InvalidContactKey");
    get(
        "a lookup that says neither key: nor id:",
        CONTACTS + "/acruz@example.com",
        "InvalidContactReference");
    get("a delete status without operationID", DELETE + "/status", "OperationIdRequired");
    get(
        "a delete status for operationID abc",
        DELETE + "/status?operationID=abc",
        "InvalidOperationId");
    get(
        "a delete status for a negative operationID",
        DELETE + "/status?operationID=-3",
        "InvalidOperationId");
    get(
        "attribute set definitions with $pageSize above 50",
        "/contacts/v1/attributeSetDefinitions?$pageSize=51",
        "InvalidPaging");
    get(
        "attribute set definitions with $page 0",
        "/contacts/v1/attributeSetDefinitions?$page=0",
        "InvalidPaging");
  }

  private void post(String rule, String body, String resultCode) {
    requests.add(new RefusedRequest(rule, "POST", CONTACTS, AUTHORIZATION, body, 400, resultCode));
  }

  private void patch(String rule, String body, String resultCode) {
    requests.add(new RefusedRequest(rule, "PATCH", CONTACTS, AUTHORIZATION, body, 400, resultCode));
  }

  private void delete(String rule, String path, String body, String resultCode) {
    requests.add(new RefusedRequest(rule, "POST", path, AUTHORIZATION, body, 400, resultCode));
  }

  private void search(String rule, String body, String resultCode) {
    requests.add(new RefusedRequest(rule, "POST", SEARCH, AUTHORIZATION, body, 400, resultCode));
  }

  private void get(String rule, String path, String resultCode) {
    requests.add(new RefusedRequest(rule, "GET", path, AUTHORIZATION, null, 400, resultCode));
  }
}
