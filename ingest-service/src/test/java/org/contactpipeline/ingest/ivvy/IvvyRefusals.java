package org.contactpipeline.ingest.ivvy;

import java.util.List;
import org.contactpipeline.ingest.testing.RefusedRequest;

/**
 * Every request the iVvy API must refuse before anything reaches the pipeline, for tenant {@code
 * demo} with the built-in definitions. {@code IvvyRefusalsTest} replays them against the test
 * pipeline, {@code RefusedRequestsIT} against the real stack. A refusal names the FIRST offending
 * parameter in the vendor's parameter order: 23017 "'x' is required", 23016 "'x' does not
 * validate".
 */
public final class IvvyRefusals {

  static final String CONTACT = "/api/1.0/contact?action=";
  static final String BATCH = "/api/1.0/batch?action=";
  private static final String AUTH = "Bearer demo-token";
  private static final String NAMES =
      "\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\"";

  private IvvyRefusals() {}

  public static List<RefusedRequest> all() {
    return List.of(
        // addOrUpdateContact: the body and the parameters an add requires
        add(
            "a body that is not JSON",
            "{\"firstName\":",
            400,
            "The request body must be a JSON object"),
        add(
            "anything after the JSON body",
            "{" + NAMES + "} {\"email\":\"b@example.com\"}",
            400,
            "The request body must be a JSON object"),
        add("a body that is not an object", "[]", 400, "The request body must be a JSON object"),
        add(
            "a parameter given twice",
            "{\"firstName\":\"Ada\",\"firstName\":\"Bob\",\"lastName\":\"L\","
                + "\"email\":\"a@example.com\"}",
            "'firstName' does not validate"),
        add(
            "a parameter given twice in two spellings",
            "{\"firstName\":\"Ada\",\"lastName\":\"L\","
                + "\"LastName\":\"K\",\"email\":\"a@example.com\"}",
            "'lastName' does not validate"),
        add(
            "a nested parameter given twice",
            "{"
                + NAMES
                + ",\"customFields\":[{\"fieldId\":102,\"value\":\"a\","
                + "\"value\":\"b\"}]}",
            "'customFields[0].value' does not validate"),
        add(
            "an add without firstName",
            "{\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\"}",
            "'firstName' is required"),
        add(
            "an add with a blank firstName",
            "{\"firstName\":\" \",\"lastName\":\"L\",\"email\":\"a@example.com\"}",
            "'firstName' is required"),
        add(
            "an add without lastName",
            "{\"firstName\":\"Ada\",\"email\":\"ada@example.com\"}",
            "'lastName' is required"),
        add(
            "an add whose lastName is null",
            "{\"firstName\":\"Ada\",\"lastName\":null,\"email\":\"ada@example.com\"}",
            "'lastName' is required"),
        add(
            "an add without email",
            "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}",
            "'email' is required"),
        add("an empty body (nothing to add)", "", "'firstName' is required"),
        add(
            "an email that is not valid",
            "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@\"}",
            "'email' does not validate"),
        add(
            "an email without a domain dot",
            "{\"firstName\":\"A\",\"lastName\":\"L\",\"email\":\"ada@localhost\"}",
            "'email' does not validate"),
        add(
            "a firstName that is not a string",
            "{\"firstName\":7,\"lastName\":\"L\",\"email\":\"a@example.com\"}",
            "'firstName' does not validate"),
        add(
            "an externalId that is not a string, named before the missing names",
            "{\"externalId\":5}",
            "'externalId' does not validate"),
        add(
            "an id that is not a whole number",
            "{\"id\":\"abc\",\"firstName\":\"Ada\"}",
            "'id' does not validate"),
        add("a fractional id", "{\"id\":1.5}", "'id' does not validate"),
        add("a negative id", "{\"id\":-3}", "'id' does not validate"),
        add(
            "an update by id that blanks the first name",
            "{\"id\":5,\"firstName\":\"\"}",
            "'firstName' does not validate"),
        add(
            "an update by id with an invalid email",
            "{\"id\":5,\"email\":\"not-an-email\"}",
            "'email' does not validate"),
        add(
            "a phone that is not a string",
            "{" + NAMES + ",\"phone\":{}}",
            "'phone' does not validate"),
        // text the pipeline cannot store unchanged (line breaks and tabs are fine: they are data)
        add(
            "a firstName with a NUL character",
            "{\"firstName\":\"A\\u0000da\",\"lastName\":\"L\",\"email\":\"a@example.com\"}",
            "'firstName' does not validate"),
        add(
            "a lastName with an unpaired surrogate",
            "{\"firstName\":\"Ada\",\"lastName\":\"\\ud800\",\"email\":\"a@example.com\"}",
            "'lastName' does not validate"),
        add(
            "an email with a line break",
            "{\"firstName\":\"A\",\"lastName\":\"L\",\"email\":\"a\\nb@example.com\"}",
            "'email' does not validate"),
        // groups
        add(
            "groups that are not an array",
            "{" + NAMES + ",\"groups\":10}",
            "'groups' does not validate"),
        add(
            "a group that is not an object",
            "{" + NAMES + ",\"groups\":[10]}",
            "'groups[0]' does not validate"),
        add(
            "a group without groupId",
            "{" + NAMES + ",\"groups\":[{\"groupId\":1},{\"name\":\"x\"}]}",
            "'groups[1].groupId' is required"),
        add(
            "a groupId that is not a number",
            "{" + NAMES + ",\"groups\":[{\"groupId\":\"ten\"}]}",
            "'groups[0].groupId' does not validate"),
        // customFields, validated by each field's type in the tenant's definitions
        add(
            "customFields that are not an array",
            "{" + NAMES + ",\"customFields\":{\"102\":\"x\"}}",
            "'customFields' does not validate"),
        add(
            "a custom field without fieldId",
            "{" + NAMES + ",\"customFields\":[{\"value\":\"x\"}]}",
            "'customFields[0].fieldId' is required"),
        add(
            "a custom field the tenant does not define",
            "{" + NAMES + ",\"customFields\":[{\"fieldId\":999,\"value\":\"x\"}]}",
            "'customFields[0].fieldId' does not validate"),
        add(
            "a custom field without value",
            "{" + NAMES + ",\"customFields\":[{\"fieldId\":102}]}",
            "'customFields[0].value' is required"),
        add(
            "a text field given a number",
            "{" + NAMES + ",\"customFields\":[{\"fieldId\":102,\"value\":5}]}",
            "'customFields[0].value' does not validate"),
        add(
            "a text field longer than its maximum",
            "{"
                + NAMES
                + ",\"customFields\":[{\"fieldId\":102,\"value\":\""
                + "x".repeat(256)
                + "\"}]}",
            "'customFields[0].value' does not validate"),
        add(
            "a select field given a value that is not an option",
            "{" + NAMES + ",\"customFields\":[{\"fieldId\":103,\"value\":\"Huge\"}]}",
            "'customFields[0].value' does not validate"),
        add(
            "a number field given a fraction",
            "{" + NAMES + ",\"customFields\":[{\"fieldId\":104,\"value\":1.5}]}",
            "'customFields[0].value' does not validate"),
        add(
            "a number field given words",
            "{" + NAMES + ",\"customFields\":[{\"fieldId\":104,\"value\":\"two\"}]}",
            "'customFields[0].value' does not validate"),
        add(
            "a date field given an impossible date",
            "{" + NAMES + ",\"customFields\":[{\"fieldId\":105,\"value\":\"2024-02-30\"}]}",
            "'customFields[0].value' does not validate"),
        add(
            "a date field given another format",
            "{" + NAMES + ",\"customFields\":[{\"fieldId\":105,\"value\":\"05/01/2024\"}]}",
            "'customFields[0].value' does not validate"),
        add(
            "a boolean field given yes",
            "{" + NAMES + ",\"customFields\":[{\"fieldId\":106,\"value\":\"yes\"}]}",
            "'customFields[0].value' does not validate"),
        add(
            "a multiselect field given an unknown option",
            "{"
                + NAMES
                + ",\"customFields\":[{\"fieldId\":107,\"value\":[\"Golf\",\"Skydiving\"]}]}",
            "'customFields[0].value' does not validate"),
        add(
            "a multiselect field given a single string",
            "{" + NAMES + ",\"customFields\":[{\"fieldId\":107,\"value\":\"Golf\"}]}",
            "'customFields[0].value' does not validate"),
        add(
            "the same custom field twice",
            "{"
                + NAMES
                + ",\"customFields\":[{\"fieldId\":102,\"value\":\"a\"},{\"fieldId\":\"102\",\"value\":\"b\"}]}",
            "'customFields[1].fieldId' does not validate"),
        // companies must exist
        add(
            "companies that are not an array",
            "{" + NAMES + ",\"companies\":4}",
            "'companies' does not validate"),
        add(
            "a company that does not exist",
            "{" + NAMES + ",\"companies\":[4,99]}",
            "'companies[1]' does not validate"),
        add(
            "a company id that is not a number",
            "{" + NAMES + ",\"companies\":[\"Acme\"]}",
            "'companies[0]' does not validate"),
        // the subscription statuses
        add(
            "an email status outside 1, 2, 3, 5",
            "{" + NAMES + ",\"status\":4}",
            "'status' does not validate"),
        add(
            "an email status that is not a number",
            "{" + NAMES + ",\"status\":\"Subscribed\"}",
            "'status' does not validate"),
        add(
            "an sms status outside 1 to 4",
            "{" + NAMES + ",\"smsStatus\":5}",
            "'smsStatus' does not validate"),
        add(
            "an sms status of 0",
            "{" + NAMES + ",\"smsStatus\":0}",
            "'smsStatus' does not validate"),
        add(
            "updateIfExists that is not a boolean",
            "{" + NAMES + ",\"updateIfExists\":\"maybe\"}",
            "'updateIfExists' does not validate"),
        // externalUrls
        add(
            "externalUrls that are neither an array nor null",
            "{" + NAMES + ",\"externalUrls\":{\"ref\":\"a\"}}",
            "'externalUrls' does not validate"),
        add(
            "more than 3 external URLs",
            "{"
                + NAMES
                + ",\"externalUrls\":["
                + url("a")
                + ","
                + url("b")
                + ","
                + url("c")
                + ","
                + url("d")
                + "]}",
            "'externalUrls' does not validate"),
        add(
            "an external URL without ref",
            "{" + NAMES + ",\"externalUrls\":[{\"url\":\"https://example.com\"}]}",
            "'externalUrls[0].ref' is required"),
        add(
            "an external URL over http",
            "{" + NAMES + ",\"externalUrls\":[{\"ref\":\"a\",\"url\":\"http://example.com\"}]}",
            "'externalUrls[0].url' does not validate"),
        add(
            "an external URL that is not a URI",
            "{" + NAMES + ",\"externalUrls\":[{\"ref\":\"a\",\"url\":\"https://exa mple.com\"}]}",
            "'externalUrls[0].url' does not validate"),
        add(
            "an external URL without a host",
            "{" + NAMES + ",\"externalUrls\":[{\"ref\":\"a\",\"url\":\"https:/path\"}]}",
            "'externalUrls[0].url' does not validate"),
        add(
            "the same external URL ref twice",
            "{" + NAMES + ",\"externalUrls\":[" + url("a") + "," + url("a") + "]}",
            "'externalUrls[1].ref' does not validate"),
        add(
            "an external URL label that is not a string",
            "{"
                + NAMES
                + ",\"externalUrls\":[{\"ref\":\"a\",\"url\":\"https://example.com\",\"label\":[]}]}",
            "'externalUrls[0].label' does not validate"),
        add(
            "privacyConsent that is not a boolean",
            "{" + NAMES + ",\"privacyConsent\":\"sure\"}",
            "'privacyConsent' does not validate"),
        // only the first offending parameter, in the vendor's order, is named
        add(
            "a bad email named before a bad status",
            "{\"firstName\":\"A\",\"lastName\":\"L\",\"email\":\"bad\",\"status\":9}",
            "'email' does not validate"),
        add(
            "bad groups named before a missing company",
            "{" + NAMES + ",\"companies\":[99],\"groups\":[{}]}",
            "'groups[0].groupId' is required"),
        // the namespace
        refused(
            "an unknown action",
            "POST",
            CONTACT + "deleteEverything",
            AUTH,
            "{}",
            404,
            "deleteEverything"),
        refused("no action", "POST", "/api/1.0/contact", AUTH, "{}", 404, "No action given"),
        refused(
            "a namespace this API does not serve",
            "POST",
            "/api/1.0/event?action=getEventList",
            AUTH,
            "{}",
            404,
            "\"errorCode\":404"),
        refused(
            "a call without a token",
            "POST",
            CONTACT + "addOrUpdateContact",
            null,
            "{" + NAMES + "}",
            401,
            "Not Authorized"),
        refused(
            "a call with an unknown token",
            "POST",
            CONTACT + "addOrUpdateContact",
            "Bearer wrong",
            "{" + NAMES + "}",
            401,
            "Not Authorized"),
        // getContact
        call("getContact", "getContact without id", "{}", 400, "'id' is required"),
        call(
            "getContact",
            "getContact with an id that is not a number",
            "{\"id\":\"wrong\"}",
            400,
            "'id' does not validate"),
        call(
            "getContact",
            "getContact of an unknown id",
            "{\"id\":987654321}",
            404,
            "Unable to find contact"),
        // getContactList
        call(
            "getContactList",
            "a perPage of 0",
            "{\"perPage\":0}",
            400,
            "'perPage' does not validate"),
        call(
            "getContactList",
            "a perPage that is not a number",
            "{\"perPage\":\"ten\"}",
            400,
            "'perPage' does not validate"),
        call(
            "getContactList",
            "a negative start",
            "{\"start\":-1}",
            400,
            "'start' does not validate"),
        call(
            "getContactList",
            "a filter that is not an object",
            "{\"filter\":\"recent\"}",
            400,
            "'filter' does not validate"),
        call(
            "getContactList",
            "a fromModifiedDate that is not an iVvy timestamp",
            "{\"filter\":{\"fromModifiedDate\":\"2024-01-01T00:00:00Z\"}}",
            400,
            "'filter.fromModifiedDate' does not validate"),
        call(
            "getContactList",
            "a toModifiedDate that is not a date",
            "{\"filter\":{\"toModifiedDate\":\"2024-13-01 00:00:00\"}}",
            400,
            "'filter.toModifiedDate' does not validate"),
        call(
            "getContactList",
            "a toModifiedDate before fromModifiedDate",
            "{\"filter\":{\"fromModifiedDate\":\"2024-02-01 00:00:00\",\"toModifiedDate\":\"2024-01-01 00:00:00\"}}",
            400,
            "'filter.toModifiedDate' does not validate"),
        call(
            "getContactList",
            "an externalId filter that is not a string",
            "{\"filter\":{\"externalId\":12}}",
            400,
            "'filter.externalId' does not validate"),
        call(
            "getContactList",
            "a filter on a property contacts cannot be filtered by",
            "{\"filter\":{\"venueId\":3}}",
            400,
            "'filter.venueId' does not validate"),
        // batch?action=run: the batch's own shape, then each job's params as the call alone
        batch("run", "a body that is not JSON", "{\"jobs\":[", 400, "JSON object"),
        batch("run", "a batch without jobs", "{}", 400, "24092"),
        batch(
            "run",
            "jobs that are not an array",
            "{\"jobs\":{\"namespace\":\"contact\"}}",
            400,
            "24092"),
        batch("run", "an empty jobs array", "{\"jobs\":[]}", 400, "24092"),
        batch("run", "more than 200 jobs", batchOf(201), 400, "24448"),
        batch(
            "run",
            "a job in another namespace",
            "{\"jobs\":["
                + GET_JOB
                + ",{\"namespace\":\"event\",\"action\":\"inviteContacts\","
                + "\"params\":{\"event\":1,\"contacts\":[1,2,3]}}]}",
            400,
            "jobs[1] calls event?action=inviteContacts"),
        batch(
            "run",
            "a job with an action the batch cannot run",
            "{\"jobs\":[{\"namespace\":\"contact\",\"action\":\"getContactList\","
                + "\"params\":{\"perPage\":10}}]}",
            400,
            "24092"),
        batch(
            "run",
            "a job without an action",
            "{\"jobs\":[{\"namespace\":\"contact\",\"params\":{\"id\":1}}]}",
            400,
            "jobs[0].action is required"),
        batch(
            "run",
            "a job that is not an object",
            "{\"jobs\":[\"contact/getContact\"]}",
            400,
            "24092"),
        batch(
            "run",
            "a job with empty params",
            "{\"jobs\":[{\"namespace\":\"contact\",\"action\":\"getContact\",\"params\":{}}]}",
            400,
            "24093"),
        batch(
            "run",
            "a job without params",
            "{\"jobs\":[{\"namespace\":\"contact\",\"action\":\"getContact\"}]}",
            400,
            "24093"),
        batch(
            "run",
            "a job whose params are not an object",
            "{\"jobs\":[{\"namespace\":\"contact\",\"action\":\"getContact\",\"params\":[1]}]}",
            400,
            "jobs[0].params must be an object"),
        batch(
            "run",
            "an addOrUpdateContact job that does not validate as the call alone",
            "{\"jobs\":["
                + GET_JOB
                + ",{\"namespace\":\"contact\",\"action\":\"addOrUpdateContact\","
                + "\"params\":{\"firstName\":\"Ada\",\"lastName\":\"L\",\"email\":\"not-an-email\"}}]}",
            400,
            "'jobs[1].params.email' does not validate"),
        batch(
            "run",
            "an addOrUpdateContact job without a required parameter",
            "{\"jobs\":[{\"namespace\":\"contact\",\"action\":\"addOrUpdateContact\","
                + "\"params\":{\"lastName\":\"L\",\"email\":\"a@example.com\"}}]}",
            400,
            "'jobs[0].params.firstName' is required"),
        batch(
            "run",
            "a getContact job with an id of the wrong type",
            "{\"jobs\":[{\"namespace\":\"contact\",\"action\":\"getContact\",\"params\":{\"id\":true}}]}",
            400,
            "'jobs[0].params.id' does not validate"),
        batch(
            "run",
            "a getContact job without an id",
            "{\"jobs\":[{\"namespace\":\"contact\",\"action\":\"getContact\",\"params\":{\"x\":1}}]}",
            400,
            "'jobs[0].params.id' is required"),
        batch(
            "run",
            "a malformed callbackUrl",
            "{\"jobs\":[" + GET_JOB + "],\"callbackUrl\":\"not a url\"}",
            400,
            "'callbackUrl' does not validate"),
        batch(
            "run",
            // Refused by every policy; private addresses are CallbackPolicyTest's, since a
            // deployment may allow them (the local stack does, for callbacks on this machine).
            "a callbackUrl carrying credentials",
            "{\"jobs\":[" + GET_JOB + "],\"callbackUrl\":\"https://user:pw@hooks.example.com/h\"}",
            400,
            "must not carry credentials"),
        batch(
            "run",
            "a callbackUrl that is not a string",
            "{\"jobs\":[" + GET_JOB + "],\"callbackUrl\":42}",
            400,
            "'callbackUrl' does not validate"),
        batch("progress", "a progress without async", "{}", 400, "'async' is required"),
        batch("progress", "an unknown asyncId", UNKNOWN_ASYNC, 404, "24105"),
        batch("results", "results of an unknown asyncId", UNKNOWN_ASYNC, 404, "24115"),
        batch("restart", "a restart of an unknown asyncId", UNKNOWN_ASYNC, 404, "24105"),
        batch("repost", "a repost of an unknown asyncId", UNKNOWN_ASYNC, 404, "24105"),
        batch(
            "nothing", "an action the batch namespace does not have", UNKNOWN_ASYNC, 404, "batch"));
  }

  private static final String GET_JOB =
      "{\"namespace\":\"contact\",\"action\":\"getContact\",\"params\":{\"id\":1}}";
  private static final String UNKNOWN_ASYNC = "{\"async\":\"e35e06ee592d17a42dc9e6252a058617\"}";

  /** A batch of {@code jobs} getContact jobs. */
  static String batchOf(int jobs) {
    return "{\"jobs\":[" + String.join(",", java.util.Collections.nCopies(jobs, GET_JOB)) + "]}";
  }

  private static RefusedRequest batch(
      String action, String rule, String body, int status, String mustMention) {
    return refused(
        "batch " + action + ": " + rule, "POST", BATCH + action, AUTH, body, status, mustMention);
  }

  private static String url(String ref) {
    return "{\"ref\":\"" + ref + "\",\"url\":\"https://example.com/" + ref + "\"}";
  }

  private static RefusedRequest add(String rule, String body, String mustMention) {
    return add(rule, body, 400, mustMention);
  }

  private static RefusedRequest add(String rule, String body, int status, String mustMention) {
    return call("addOrUpdateContact", rule, body, status, mustMention);
  }

  private static RefusedRequest call(
      String action, String rule, String body, int status, String mustMention) {
    return refused(action + ": " + rule, "POST", CONTACT + action, AUTH, body, status, mustMention);
  }

  private static RefusedRequest refused(
      String rule,
      String method,
      String path,
      String authorization,
      String body,
      int status,
      String mustMention) {
    return new RefusedRequest(
        "iVvy " + rule, method, path, authorization, body, status, mustMention);
  }
}
