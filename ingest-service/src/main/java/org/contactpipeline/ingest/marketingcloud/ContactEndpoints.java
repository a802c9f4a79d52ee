package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.time.Clock;
import org.contactpipeline.ingest.http.QueryEndpoint;
import org.contactpipeline.ingest.http.WriteEndpoint;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.store.ContactStore;

/**
 * Marketing Cloud's contact endpoints beyond establish: create and update with attribute sets, the
 * data model, lookups by key, ID and email, and deletion with its status. Writes go through the
 * pipeline ({@link CommandGateway}); reads come from the read side ({@link ContactStore}), always
 * within the caller's tenant.
 */
public final class ContactEndpoints {

  private final Handler create;
  private final Handler update;
  private final Handler definitions;
  private final Handler lookup;
  private final Handler emailSearch;
  private final Handler delete;
  private final Handler deleteStatus;

  public ContactEndpoints(
      ObjectMapper json,
      ContactStore store,
      CommandGateway gateway,
      Commands commands,
      Clock clock,
      MarketingCloudLimits limits) {
    ContactDataModel model = ContactDataModel.standard();
    ContactChangeValidator changes = new ContactChangeValidator(model, limits.maxKeyLength());
    this.create =
        new WriteEndpoint<>(new ContactChangeEndpoint(json, changes, true, commands), gateway);
    this.update =
        new WriteEndpoint<>(new ContactChangeEndpoint(json, changes, false, commands), gateway);
    this.definitions = new QueryEndpoint<>(new AttributeSetDefinitionsEndpoint(model));
    this.lookup = new QueryEndpoint<>(new ContactLookupEndpoint(store));
    this.emailSearch =
        new QueryEndpoint<>(new EmailSearchEndpoint(json, store, limits.maxItemsPerRequest()));
    this.delete =
        new WriteEndpoint<>(
            new DeleteEndpoint(
                json,
                new DeleteRequestValidator(limits.maxKeyLength(), limits.maxItemsPerRequest()),
                store,
                commands),
            gateway);
    this.deleteStatus = new QueryEndpoint<>(new DeleteStatusEndpoint(store, clock));
  }

  /** Adds the routes; authentication is the caller's ({@link MarketingCloudApi}). */
  void register(RoutesConfig routes) {
    routes.post("/contacts/v1/contacts", create);
    routes.patch("/contacts/v1/contacts", update);
    routes.get("/contacts/v1/attributeSetDefinitions", definitions);
    routes.post("/contacts/v1/addresses/email/search", emailSearch);
    routes.post("/contacts/v1/contacts/actions/delete", delete);
    routes.get("/contacts/v1/contacts/actions/delete/status", deleteStatus);
    // One path segment: key:{contactKey} or id:{contactId}. A key holding '/' cannot be addressed
    // in a path (servers refuse an encoded slash); the email search finds such contacts.
    routes.get("/contacts/v1/contacts/{reference}", lookup);
  }
}
