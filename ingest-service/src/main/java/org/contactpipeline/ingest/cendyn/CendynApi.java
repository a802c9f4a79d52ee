package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.VendorApi;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.store.ContactStore;

/**
 * Cendyn CRM's contact API ({@code /v2/account/{account_id}/contact/}, with or without the trailing
 * slash), behind {@code Authorization: Token token=<token>}. The path's account is the tenant: it
 * must be the token's, or the request is refused with 403 before anything else is looked at.
 * Contacts are created through the pipeline and listed from the materialized store.
 */
public final class CendynApi implements VendorApi {

  private static final String PREFIX = "/v2/account/";
  private static final String CONTACTS = PREFIX + "{account_id}/contact";

  private final Tenants tenants;
  private final CreateContactHandler create;
  private final ListContactsHandler list;

  public CendynApi(Tenants tenants, ObjectMapper json, CommandGateway gateway, ContactStore store) {
    this.tenants = tenants;
    this.create = new CreateContactHandler(json, gateway);
    this.list = new ListContactsHandler(json, store);
  }

  @Override
  public String name() {
    return "cendyn";
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before(PREFIX + "*", tenants::authenticateTokenScheme);
    // Javalin ignores a trailing slash, so these also serve ".../contact/".
    routes.post(CONTACTS, create);
    routes.get(CONTACTS, list);
  }

  @Override
  public java.util.List<String> pathPatterns() {
    return java.util.List.of(PREFIX + "*");
  }

  @Override
  public boolean owns(String path) {
    return path.startsWith(PREFIX);
  }

  @Override
  public Object errorBody(int status, String message) {
    return new CendynError(message);
  }
}
