package org.contactpipeline.ingest.cendyn;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import org.contactpipeline.ingest.IngestApp;
import org.contactpipeline.ingest.http.QueryEndpoint;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.VendorApi;
import org.contactpipeline.ingest.http.WriteEndpoint;
import org.contactpipeline.ingest.pipeline.AsyncJobs;
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
  private static final String CREATE_BULK = CONTACTS + "/create_bulk";

  private final CendynAuthentication authentication;
  private final Handler create;
  private final Handler list;
  private final Handler createBulk;
  private final Handler bulkStatus;

  /** Behind static tokens only (no account tokens configured). */
  public CendynApi(
      Tenants tenants,
      ObjectMapper json,
      CommandGateway gateway,
      Commands commands,
      ContactStore store) {
    this(CendynAuthentication.staticTokens(tenants), json, gateway, commands, store);
  }

  /** Without asynchronous jobs: a bulk create is answered "not saved". */
  public CendynApi(
      CendynAuthentication authentication,
      ObjectMapper json,
      CommandGateway gateway,
      Commands commands,
      ContactStore store) {
    this(
        authentication,
        json,
        gateway,
        commands,
        store,
        AsyncJobs.unavailable(gateway, java.time.Clock.systemUTC()));
  }

  /**
   * @param jobs where bulk creates are submitted and looked up
   */
  public CendynApi(
      CendynAuthentication authentication,
      ObjectMapper json,
      CommandGateway gateway,
      Commands commands,
      ContactStore store,
      AsyncJobs jobs) {
    this.authentication = authentication;
    this.create = new WriteEndpoint<>(new CreateContactEndpoint(json, commands), gateway);
    this.list = new QueryEndpoint<>(new ListContactsEndpoint(json, store));
    this.createBulk =
        new WriteEndpoint<>(
            new CreateBulkEndpoint(
                json, commands, jobs.submission(), jobs.callbacks(), jobs.clock()),
            gateway);
    this.bulkStatus = new QueryEndpoint<>(new BulkStatusEndpoint(json, jobs.lookup()));
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
    routes.post(CREATE_BULK, createBulk);
    routes.get(BulkStatusEndpoint.ROUTE, bulkStatus);
  }

  @Override
  public java.util.List<String> pathPatterns() {
    return java.util.List.of(PREFIX + "*");
  }

  /** A bulk create carries up to 5,000 contacts; every other route the default. */
  @Override
  public long maxBodyBytes(String path, long defaultBytes) {
    return path.endsWith("/contact/create_bulk") || path.endsWith("/contact/create_bulk/")
        ? IngestApp.MAX_BULK_REQUEST_BYTES
        : defaultBytes;
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
