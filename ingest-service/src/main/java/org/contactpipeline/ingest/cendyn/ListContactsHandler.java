package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.store.ContactPage;
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

  /** Page size when scanning for {@code device_id}, which the store cannot filter by. */
  static final int SCAN_BATCH = 500;

  private final ObjectMapper json;
  private final ContactStore store;
  private final ContactView view;

  ListContactsHandler(ObjectMapper json, ContactStore store) {
    this.json = json;
    this.store = store;
    this.view = new ContactView(json);
  }

  @Override
  public void handle(Context ctx) {
    String tenant = Tenants.requireTenant(ctx, ctx.pathParam("account_id"));
    ListContactsRequest request;
    try {
      request = ListContactsRequest.parse(tenant, ctx.queryParamMap());
    } catch (CendynRejection rejection) {
      ctx.status(rejection.status()).json(rejection.body());
      return;
    }
    ArrayNode contacts = json.createArrayNode();
    for (ContactRecord contact : find(request)) {
      contacts.add(view.render(contact.getContactId(), contact.getData()));
    }
    ctx.status(HttpStatus.OK).json(contacts);
  }

  private List<ContactRecord> find(ListContactsRequest request) {
    if (request.deviceId() == null) {
      return store.find(request.query()).contacts();
    }
    return scanForDevice(request.query(), request.deviceId());
  }

  /**
   * The first {@code limit} matches that also have this {@code device_id}: walks the store's other
   * matches in ID order, batch by batch, until enough are found or none are left. Exactly the page
   * a store-side filter would give, so {@code contact_id_from} paging stays correct; its cost grows
   * with the contacts that match the other filters, hence the ask for a {@link ContactQuery} field.
   */
  private List<ContactRecord> scanForDevice(ContactQuery query, String deviceId) {
    List<ContactRecord> found = new ArrayList<>();
    Long from = query.contactIdFrom();
    while (true) {
      ContactPage page = store.find(query.withContactIdFrom(from).withPage(0, SCAN_BATCH));
      for (ContactRecord contact : page.contacts()) {
        if (contact.getData() != null && Objects.equals(deviceId, contact.getData().getDeviceId())) {
          found.add(contact);
          if (found.size() == query.limit()) {
            return found;
          }
        }
      }
      if (page.contacts().size() < SCAN_BATCH) {
        return found;
      }
      from = page.contacts().get(page.contacts().size() - 1).getContactId() + 1;
    }
  }
}
