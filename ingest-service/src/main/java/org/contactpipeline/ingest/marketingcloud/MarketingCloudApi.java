package org.contactpipeline.ingest.marketingcloud;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import org.contactpipeline.ingest.http.ApiError;
import org.contactpipeline.ingest.http.Tenants;
import org.contactpipeline.ingest.http.VendorApi;

/**
 * Marketing Cloud's Contacts API ({@code /contacts/v1/...}), behind bearer tokens ({@link
 * BearerAuthentication}).
 */
public final class MarketingCloudApi implements VendorApi {

  private static final String PREFIX = "/contacts/";

  private final BearerAuthentication authentication;
  private final Handler establish;
  private final ContactEndpoints contacts;

  /** The whole API behind static tokens only (no OAuth login configured). */
  public MarketingCloudApi(Tenants tenants, Handler establish, ContactEndpoints contacts) {
    this(BearerAuthentication.staticTokens(tenants), establish, contacts);
  }

  /**
   * The whole API: establish (an {@link EstablishEndpoint} run by a {@link
   * org.contactpipeline.ingest.http.WriteEndpoint}) and the contact endpoints, behind access tokens
   * and static tokens.
   */
  public MarketingCloudApi(
      BearerAuthentication authentication, Handler establish, ContactEndpoints contacts) {
    this.authentication = authentication;
    this.establish = establish;
    this.contacts = contacts;
  }

  @Override
  public String name() {
    return "marketing-cloud";
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.before(PREFIX + "*", authentication);
    routes.post("/contacts/v1/establish", establish);
    contacts.register(routes);
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
    return ApiError.forStatus(status, message);
  }

  /**
   * Marketing Cloud's own throttling answer: a fixed message and errorcode 50100, whatever the
   * cause.
   */
  @Override
  public Object throttledBody(String message) {
    return new ApiError("Rate limit exceeded", 50100, "");
  }
}
