package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.store.ContactQuery;
import org.contactpipeline.ingest.store.ContactStore;
import org.contactpipeline.schemas.avro.ContactRecord;

/**
 * {@code GET /v2/account/{account_id}/contact/}: the account's contacts that match every filter, in
 * ascending id order, at most {@code limit} of them, as a JSON array of contacts in the create
 * echo's shape. Read from the materialized store, so a contact shows up once the sink has written
 * it (normally tens of milliseconds after its create answered).
 */
final class ListContactsHandler implements Handler {

  private final ObjectMapper json;
  private final ContactStore store;
  private final CendynContactView view;

  ListContactsHandler(ObjectMapper json, ContactStore store) {
    this.json = json;
    this.store = store;
    this.view = new CendynContactView(json);
  }

  @Override
  public void handle(Context ctx) {
    String tenant = Tenants.requireTenant(ctx, ctx.pathParam("account_id"));
    ContactQuery request;
    try {
      request = ListContactsRequest.parse(tenant, ctx.queryParamMap());
    } catch (CendynRejection rejection) {
      ctx.status(rejection.status()).json(rejection.body());
      return;
    }
    ArrayNode contacts = json.createArrayNode();
    for (ContactRecord contact : store.find(request).contacts()) {
      contacts.add(view.render(contact.getContactId(), contact.getData()));
    }
    ctx.status(HttpStatus.OK).json(contacts);
  }
}
