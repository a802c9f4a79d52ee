package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.contactpipeline.ingest.http.QueryDialect;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.store.ContactStore;
import org.contactpipeline.vendor.ivvy.IvvyContacts;

/**
 * {@code getContact}: one contact by {@code id}, read from the materialized golden records of the
 * caller's tenant. An id of another tenant is "Unable to find contact" like one that never existed.
 */
final class GetContactEndpoint
    implements QueryDialect<GetContactEndpoint.ById, ContactRecord, IvvyRejection>, RefusesAsIvvy {

  private final ObjectMapper json;
  private final ContactStore store;
  private final IvvyContacts contacts;
  private final IvvyDefinitions definitions;

  GetContactEndpoint(
      ObjectMapper json, ContactStore store, IvvyContacts contacts, IvvyDefinitions definitions) {
    this.json = json;
    this.store = store;
    this.contacts = contacts;
    this.definitions = definitions;
  }

  record ById(String tenant, long id) {}

  @Override
  public ById read(Context ctx) {
    String tenant = Tenants.of(ctx);
    Long id = Params.parse(json, ctx).wholeNumber("id");
    if (id == null) {
      throw IvvyRejection.missing("id");
    }
    return new ById(tenant, id);
  }

  /** A missing contact is iVvy's error answer, not an empty one. */
  @Override
  public ContactRecord run(ById query) {
    return store.byId(query.tenant(), query.id()).orElseThrow(IvvyRejection::contactNotFound);
  }

  @Override
  public void answer(Context ctx, ById query, ContactRecord record) {
    ctx.json(contacts.view(record, definitions.of(query.tenant())));
  }
}
