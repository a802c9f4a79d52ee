package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.contactpipeline.ingest.http.QueryDialect;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.schemas.avro.ContactRecord;
import org.contactpipeline.store.ContactQuery;
import org.contactpipeline.store.ContactStore;
import org.contactpipeline.vendor.cendyn.CendynContactView;

/**
 * {@code GET /v2/account/{account_id}/contact/}: the account's contacts that match every filter, in
 * ascending id order, at most {@code limit} of them, as a JSON array of contacts in the create
 * echo's shape. Read from the materialized store, so a contact shows up once the sink has written
 * it (normally tens of milliseconds after its create answered).
 */
final class ListContactsEndpoint
    implements QueryDialect<ContactQuery, List<ContactRecord>, CendynRejection>, RefusesAsCendyn {

  private final ObjectMapper json;
  private final ContactStore store;
  private final CendynContactView view;

  ListContactsEndpoint(ObjectMapper json, ContactStore store) {
    this.json = json;
    this.store = store;
    this.view = new CendynContactView(json);
  }

  @Override
  public ContactQuery read(Context ctx) {
    String tenant = Tenants.requireTenant(ctx, ctx.pathParam("account_id"));
    return ListContactsRequest.parse(tenant, ctx.queryParamMap());
  }

  @Override
  public List<ContactRecord> run(ContactQuery query) {
    return store.find(query).contacts();
  }

  @Override
  public void answer(Context ctx, ContactQuery query, List<ContactRecord> found) {
    ArrayNode contacts = json.createArrayNode();
    for (ContactRecord contact : found) {
      contacts.add(view.render(contact.getContactId(), contact.getData()));
    }
    ctx.status(HttpStatus.OK).json(contacts);
  }
}
