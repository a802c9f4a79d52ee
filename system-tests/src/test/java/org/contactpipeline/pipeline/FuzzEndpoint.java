package org.contactpipeline.pipeline;

import java.util.List;
import java.util.Map;
import org.contactpipeline.ingest.testing.ErrorShapes.Vendor;

/**
 * One endpoint the fuzz test attacks, described by a request it accepts: the fuzzer starts from
 * this valid request and breaks it, so every request it sends is wrong for a known reason.
 *
 * @param name how reports name the endpoint
 * @param path the valid path and query, for tenant {@code demo}
 * @param body the valid JSON body, or null for an endpoint without one
 * @param fields the members of {@code body} by JSON pointer, each with the only kind of value it
 *     accepts
 * @param required the pointers of members whose absence the endpoint refuses
 * @param parameters the path segments and query parameter values that are data (not route words),
 *     by their index among the path's segments or by query parameter name
 * @param reads true when the endpoint only reads: an injection string in its data may then
 *     correctly find nothing (an empty list) instead of being refused
 */
record FuzzEndpoint(
    String name,
    Vendor vendor,
    String method,
    String path,
    String authorization,
    String body,
    Map<String, Kind> fields,
    List<String> required,
    List<String> parameters,
    boolean reads) {

  /** What a member accepts; the fuzzer sends anything else. */
  enum Kind {
    TEXT,
    WHOLE_NUMBER,
    BOOLEAN,
    ARRAY,
    OBJECT
  }

  private static final String BEARER = "Bearer demo-token";
  private static final String TOKEN = "Token token=demo-token";

  /**
   * Every endpoint of the three APIs: Marketing Cloud's nine, iVvy's three calls and its batch's
   * run and progress, Cendyn's two and its bulk create and status.
   */
  static List<FuzzEndpoint> all() {
    String emailSet =
        "{\"contactKey\":\"fuzz-base\",\"attributeSets\":[{\"name\":\"Email Addresses\",\"items\":[{\"values\":"
            + "[{\"name\":\"Email Address\",\"value\":\"fuzz-base@example.com\"},{\"name\":\"HTML Enabled\",\"value\":true}]}]}]}";
    Map<String, Kind> emailSetFields =
        Map.of(
            "/contactKey", Kind.TEXT,
            "/attributeSets", Kind.ARRAY,
            "/attributeSets/0", Kind.OBJECT,
            "/attributeSets/0/name", Kind.TEXT,
            "/attributeSets/0/items", Kind.ARRAY,
            "/attributeSets/0/items/0", Kind.OBJECT,
            "/attributeSets/0/items/0/values", Kind.ARRAY,
            "/attributeSets/0/items/0/values/0/name", Kind.TEXT,
            "/attributeSets/0/items/0/values/0/value", Kind.TEXT,
            "/attributeSets/0/items/0/values/1/value", Kind.BOOLEAN);
    return List.of(
        new FuzzEndpoint(
            "MC establish",
            Vendor.MARKETING_CLOUD,
            "POST",
            "/contacts/v1/establish",
            BEARER,
            "{\"contactKeys\":[\"fuzz-key\"],\"contactType\":0,\"returnResults\":true,\"correlateResponseItem\":true,"
                + "\"includeNewContactAwareness\":false}",
            Map.of(
                "/contactKeys",
                Kind.ARRAY,
                "/contactKeys/0",
                Kind.TEXT,
                "/contactType",
                Kind.WHOLE_NUMBER,
                "/returnResults",
                Kind.BOOLEAN,
                "/correlateResponseItem",
                Kind.BOOLEAN,
                "/includeNewContactAwareness",
                Kind.BOOLEAN),
            List.of("/contactKeys"),
            List.of(),
            false),
        new FuzzEndpoint(
            "MC create contact",
            Vendor.MARKETING_CLOUD,
            "POST",
            "/contacts/v1/contacts",
            BEARER,
            emailSet,
            emailSetFields,
            List.of("/contactKey", "/attributeSets"),
            List.of(),
            false),
        new FuzzEndpoint(
            "MC update contact",
            Vendor.MARKETING_CLOUD,
            "PATCH",
            "/contacts/v1/contacts",
            BEARER,
            emailSet,
            emailSetFields,
            List.of("/contactKey"),
            List.of(),
            false),
        new FuzzEndpoint(
            "MC attribute set definitions",
            Vendor.MARKETING_CLOUD,
            "GET",
            "/contacts/v1/attributeSetDefinitions?$page=1&$pageSize=10",
            BEARER,
            null,
            Map.of(),
            List.of(),
            List.of("$page", "$pageSize"),
            false),
        new FuzzEndpoint(
            "MC email search",
            Vendor.MARKETING_CLOUD,
            "POST",
            "/contacts/v1/addresses/email/search",
            BEARER,
            "{\"ChannelAddressList\":[\"fuzz-base@example.com\"],\"MaximumCount\":5}",
            Map.of(
                "/ChannelAddressList",
                Kind.ARRAY,
                "/ChannelAddressList/0",
                Kind.TEXT,
                "/MaximumCount",
                Kind.WHOLE_NUMBER),
            List.of("/ChannelAddressList"),
            List.of(),
            true),
        new FuzzEndpoint(
            "MC delete",
            Vendor.MARKETING_CLOUD,
            "POST",
            "/contacts/v1/contacts/actions/delete?type=keys",
            BEARER,
            "{\"values\":[\"fuzz-nobody\"],\"DeleteOperationType\":\"ContactAndAttributes\"}",
            Map.of(
                "/values", Kind.ARRAY, "/values/0", Kind.TEXT, "/DeleteOperationType", Kind.TEXT),
            List.of("/values"),
            List.of("type"),
            false),
        new FuzzEndpoint(
            "MC delete status",
            Vendor.MARKETING_CLOUD,
            "GET",
            "/contacts/v1/contacts/actions/delete/status?operationID=1",
            BEARER,
            null,
            Map.of(),
            List.of(),
            List.of("operationID"),
            true),
        new FuzzEndpoint(
            "MC lookup by key",
            Vendor.MARKETING_CLOUD,
            "GET",
            "/contacts/v1/contacts/key:fuzz-nobody",
            BEARER,
            null,
            Map.of(),
            List.of(),
            List.of("3"),
            true),
        new FuzzEndpoint(
            "MC lookup by id",
            Vendor.MARKETING_CLOUD,
            "GET",
            "/contacts/v1/contacts/id:1",
            BEARER,
            null,
            Map.of(),
            List.of(),
            List.of("3"),
            true),
        new FuzzEndpoint(
            "iVvy addOrUpdateContact",
            Vendor.IVVY,
            "POST",
            "/api/1.0/contact?action=addOrUpdateContact",
            BEARER,
            "{\"firstName\":\"Fuzz\",\"lastName\":\"Base\",\"email\":\"fuzz-ivvy@example.com\","
                + "\"updateIfExists\":true,\"phone\":\"317-531-5555\",\"privacyConsent\":true,\"status\":1}",
            Map.of(
                "/firstName",
                Kind.TEXT,
                "/lastName",
                Kind.TEXT,
                "/email",
                Kind.TEXT,
                "/updateIfExists",
                Kind.BOOLEAN,
                "/phone",
                Kind.TEXT,
                "/privacyConsent",
                Kind.BOOLEAN,
                "/status",
                Kind.WHOLE_NUMBER),
            List.of("/firstName", "/lastName", "/email"),
            List.of("action"),
            false),
        new FuzzEndpoint(
            "iVvy getContact",
            Vendor.IVVY,
            "POST",
            "/api/1.0/contact?action=getContact",
            BEARER,
            "{\"id\":1}",
            Map.of("/id", Kind.WHOLE_NUMBER),
            List.of("/id"),
            List.of("action"),
            true),
        new FuzzEndpoint(
            "iVvy getContactList",
            Vendor.IVVY,
            "POST",
            "/api/1.0/contact?action=getContactList",
            BEARER,
            "{\"perPage\":10,\"start\":0,\"filter\":{\"email\":\"fuzz-ivvy@example.com\"}}",
            Map.of(
                "/perPage",
                Kind.WHOLE_NUMBER,
                "/start",
                Kind.WHOLE_NUMBER,
                "/filter",
                Kind.OBJECT,
                "/filter/email",
                Kind.TEXT),
            List.of(),
            List.of("action"),
            true),
        new FuzzEndpoint(
            "Cendyn create contact",
            Vendor.CENDYN,
            "POST",
            "/v2/account/demo/contact/",
            TOKEN,
            "{\"name_first\":\"Fuzz\",\"name_last\":\"Base\",\"email\":\"fuzz-cendyn@example.com\",\"tags\":[\"a\"],"
                + "\"gender\":\"MALE\"}",
            Map.of(
                "/name_first",
                Kind.TEXT,
                "/name_last",
                Kind.TEXT,
                "/email",
                Kind.TEXT,
                "/tags",
                Kind.ARRAY,
                "/tags/0",
                Kind.TEXT,
                "/gender",
                Kind.TEXT),
            List.of("/email"),
            List.of("2"),
            false),
        new FuzzEndpoint(
            "Cendyn list contacts",
            Vendor.CENDYN,
            "GET",
            "/v2/account/demo/contact/?email=fuzz-cendyn@example.com&limit=10",
            TOKEN,
            null,
            Map.of(),
            List.of(),
            List.of("2", "email", "limit"),
            true),
        new FuzzEndpoint(
            "Cendyn create_bulk",
            Vendor.CENDYN,
            "POST",
            "/v2/account/demo/contact/create_bulk",
            TOKEN,
            "{\"contacts\":[{\"email\":\"fuzz-bulk@example.com\",\"name_first\":\"Fuzz\"}],"
                + "\"match_contact_user_id\":true}",
            Map.of(
                "/contacts",
                Kind.ARRAY,
                "/contacts/0",
                Kind.OBJECT,
                "/contacts/0/email",
                Kind.TEXT,
                "/contacts/0/name_first",
                Kind.TEXT,
                "/match_contact_user_id",
                Kind.BOOLEAN),
            List.of("/contacts"),
            List.of("2"),
            false),
        new FuzzEndpoint(
            "Cendyn create_bulk status",
            Vendor.CENDYN,
            "GET",
            "/v2/account/demo/contact/create_bulk/00000000-0000-4000-8000-000000000000",
            TOKEN,
            null,
            Map.of(),
            List.of(),
            List.of("2", "5"),
            true),
        new FuzzEndpoint(
            "iVvy batch run",
            Vendor.IVVY,
            "POST",
            "/api/1.0/batch?action=run",
            BEARER,
            "{\"jobs\":[{\"namespace\":\"contact\",\"action\":\"getContact\",\"params\":{\"id\":1}}]}",
            Map.of(
                "/jobs",
                Kind.ARRAY,
                "/jobs/0",
                Kind.OBJECT,
                "/jobs/0/namespace",
                Kind.TEXT,
                "/jobs/0/action",
                Kind.TEXT,
                "/jobs/0/params",
                Kind.OBJECT,
                "/jobs/0/params/id",
                Kind.WHOLE_NUMBER),
            List.of("/jobs"),
            List.of("action"),
            false),
        new FuzzEndpoint(
            "iVvy batch progress",
            Vendor.IVVY,
            "POST",
            "/api/1.0/batch?action=progress",
            BEARER,
            "{\"async\":\"00000000-0000-4000-8000-000000000000\"}",
            Map.of("/async", Kind.TEXT),
            List.of("/async"),
            List.of("action"),
            true));
  }

  @Override
  public String toString() {
    return name;
  }
}
