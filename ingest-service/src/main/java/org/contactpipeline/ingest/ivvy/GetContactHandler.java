package org.contactpipeline.ingest.ivvy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.store.ContactStore;

/**
 * {@code getContact}: one contact by {@code id}, read from the materialized golden records of the
 * caller's tenant. An id of another tenant is "Unable to find contact" like one that never existed.
 */
final class GetContactHandler {

  private final ObjectMapper json;
  private final ContactStore store;
  private final IvvyContacts contacts;
  private final IvvyDefinitions definitions;

  GetContactHandler(
      ObjectMapper json, ContactStore store, IvvyContacts contacts, IvvyDefinitions definitions) {
    this.json = json;
    this.store = store;
    this.contacts = contacts;
    this.definitions = definitions;
  }

  void handle(Context ctx) {
    String tenant = Tenants.of(ctx);
    Long id = Params.parse(json, ctx).wholeNumber("id");
    if (id == null) {
      throw IvvyRejection.missing("id");
    }
    ctx.json(
        store
            .byId(tenant, id)
            .map(record -> contacts.view(record, definitions.of(tenant)))
            .orElseThrow(IvvyRejection::contactNotFound));
  }
}
