package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import org.contactpipeline.ingest.http.QueryEndpoint;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.VendorApi;
import org.contactpipeline.ingest.http.WriteEndpoint;
import org.contactpipeline.ingest.pipeline.CommandGateway;
import org.contactpipeline.ingest.pipeline.Commands;
import org.contactpipeline.store.ContactStore;

/**
 * Cendyn CRM's contact API ({@code /v2/account/{account_id}/contact/}, with or without the trailing
 * slash), behind {@code Authorization: Token token=<token>} ({@link CendynAuthentication}). The
 * path's account is the tenant: it must be the token's, or the request is refused with 403 before
 * anything else is looked at. Contacts are created through the pipeline and listed from the
 * materialized store.
 */
public final class CendynApi implements VendorApi {

  private static final String PREFIX = "/v2/account/";
  private static final String CONTACTS = PREFIX + "{account_id}/contact";

  private final CendynAuthentication authentication;
  private final Handler create;
  private final Handler list;

  /** Behind static tokens only (no account tokens configured). */
  public CendynApi(
      Tenants tenants,
      ObjectMapper json,
      CommandGateway gateway,
      Commands commands,
      ContactStore store) {
    this(CendynAuthentication.staticTokens(tenants), json, gateway, commands, store);
  }

  public CendynApi(
      CendynAuthentication authentication,
      ObjectMapper json,
      CommandGateway gateway,
      Commands commands,
      ContactStore store) {
    this.authentication = authentication;
    this.create = new WriteEndpoint<>(new CreateContactEndpoint(json, commands), gateway);
    this.list = new QueryEndpoint<>(new ListContactsEndpoint(json, store));
  }

  @Override
  public String name() {
    return "cendyn";
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before(PREFIX + "*", authentication);
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
