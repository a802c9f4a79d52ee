package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.contactpipeline.ingest.http.QueryDialect;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.store.ContactPage;
import org.contactpipeline.store.ContactQuery;
import org.contactpipeline.store.ContactStore;
import org.contactpipeline.vendor.ivvy.IvvyContact;
import org.contactpipeline.vendor.ivvy.IvvyContacts;
import org.contactpipeline.vendor.ivvy.IvvyTimestamps;

/**
 * {@code getContactList}: a page of the caller's contacts as an iVvy collection, read from the
 * materialized golden records in ascending id order. Paging is by zero-based record offset ({@code
 * start}) and {@code perPage}, which, as iVvy documents, is capped rather than refused. Filters:
 * {@code fromModifiedDate} and {@code toModifiedDate} (inclusive, to the second, UTC), {@code
 * externalId}, and the exact-match properties {@code email} (any case), {@code firstName} and
 * {@code lastName}. Any other filter is refused rather than ignored, so a caller never takes an
 * unfiltered list for a filtered one.
 */
final class GetContactListEndpoint
    implements QueryDialect<GetContactListEndpoint.ListQuery, ContactPage, IvvyRejection>,
        RefusesAsIvvy {

  static final int DEFAULT_PER_PAGE = 100;
  static final int MAX_PER_PAGE = 100;

  private static final Set<String> FILTERS =
      Set.of("fromModifiedDate", "toModifiedDate", "externalId", "email", "firstName", "lastName");

  private final ObjectMapper json;
  private final ContactStore store;
  private final IvvyContacts contacts;
  private final IvvyDefinitions definitions;

  GetContactListEndpoint(
      ObjectMapper json, ContactStore store, IvvyContacts contacts, IvvyDefinitions definitions) {
    this.json = json;
    this.store = store;
    this.contacts = contacts;
    this.definitions = definitions;
  }

  /**
   * The collection's {@code meta}: {@code perPage} is the page size applied, {@code count} how many
   * came back.
   */
  @JsonPropertyOrder({"totalResults", "start", "perPage", "count"})
  record Meta(long totalResults, int start, int perPage, int count) {}

  @JsonPropertyOrder({"meta", "results"})
  record Collection(Meta meta, List<IvvyContact> results) {}

  record ListQuery(String tenant, int start, int perPage, ContactQuery query) {}

  @Override
  public ListQuery read(Context ctx) {
    String tenant = Tenants.of(ctx);
    Params params = Params.parse(json, ctx);
    int perPage = perPage(params);
    int start = start(params);
    ContactQuery.Builder query = ContactQuery.of(tenant).offset(start).limit(perPage);
    filter(query, params);
    return new ListQuery(tenant, start, perPage, query.build());
  }

  @Override
  public ContactPage run(ListQuery list) {
    return store.find(list.query());
  }

  @Override
  public void answer(Context ctx, ListQuery list, ContactPage page) {
    TenantDefinitions tenantDefinitions = definitions.of(list.tenant());
    List<IvvyContact> results =
        page.contacts().stream().map(record -> contacts.view(record, tenantDefinitions)).toList();
    ctx.json(
        new Collection(
            new Meta(page.total(), list.start(), list.perPage(), results.size()), results));
  }

  private static int perPage(Params params) {
    Long perPage = params.wholeNumber("perPage");
    if (perPage == null) {
      return DEFAULT_PER_PAGE;
    }
    if (perPage < 1) {
      throw IvvyRejection.invalid("perPage", "Value must be a whole number of at least 1");
    }
    return (int) Math.min(perPage, MAX_PER_PAGE);
  }

  private static int start(Params params) {
    Long start = params.wholeNumber("start");
    if (start == null) {
      return 0;
    }
    if (start < 0 || start > Integer.MAX_VALUE) {
      throw IvvyRejection.invalid(
          "start", "Value must be a whole number from 0 to " + Integer.MAX_VALUE);
    }
    return start.intValue();
  }

  /** Narrows {@code query} by the request's {@code filter}, if it has one. */
  private static void filter(ContactQuery.Builder query, Params params) {
    JsonNode filter = params.raw("filter");
    if (filter == null || filter.isNull()) {
      return;
    }
    if (!filter.isObject()) {
      throw IvvyRejection.invalid("filter", "Value must be an object of filter properties");
    }
    Params filters = Params.nested(filter, "filter");
    refuseUnsupported(filters);
    Instant from = timestamp(filters, "fromModifiedDate");
    Instant to = timestamp(filters, "toModifiedDate");
    if (from != null && to != null && to.isBefore(from)) {
      throw IvvyRejection.invalid(
          filters.path("toModifiedDate"), "Value must not be before fromModifiedDate");
    }
    // iVvy dates are whole seconds; the bounds include the whole second they name at either end.
    query
        .updatedAfter(from == null ? null : from.minusMillis(1))
        .updatedBefore(to == null ? null : to.plusSeconds(1))
        .externalId(filters.text("externalId", false))
        .email(filters.text("email", false))
        .firstName(filters.text("firstName", false))
        .lastName(filters.text("lastName", false));
  }

  private static void refuseUnsupported(Params filters) {
    for (Iterator<String> names = filters.names(); names.hasNext(); ) {
      String name = names.next();
      if (FILTERS.stream().noneMatch(name::equalsIgnoreCase)) {
        throw IvvyRejection.invalid(
            filters.path(name),
            "Contacts can be filtered only by "
                + String.join(", ", FILTERS.stream().sorted().toList()));
      }
    }
  }

  private static Instant timestamp(Params filters, String name) {
    String text = filters.text(name, false);
    if (text == null) {
      return null;
    }
    try {
      return IvvyTimestamps.parse(text);
    } catch (DateTimeParseException e) {
      throw IvvyRejection.invalid(
          filters.path(name), "Value must be an iVvy timestamp: " + IvvyTimestamps.FORMAT);
    }
  }
}
