package org.contactpipeline.ingest.http;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.Locale;

/**
 * Authenticates a request by its token and remembers the tenant on the request, so handlers
 * scope everything they do by {@link #of(Context)} and never by anything the body or path says.
 * Marketing Cloud and iVvy send {@code Authorization: Bearer <token>}; Cendyn CRM sends
 * {@code Authorization: Token token=<token>}.
 */
public final class Tenants {

  static final String ATTRIBUTE = "contact-pipeline.tenant";
  private static final String BEARER = "bearer ";
  private static final String TOKEN = "token token=";

  private final TenantTokens tokens;

  public Tenants(TenantTokens tokens) {
    this.tokens = tokens;
  }

  /** Before-handler for bearer tokens: sets the tenant, or fails with 401. */
  public void authenticate(Context ctx) {
    authenticate(ctx, BEARER, "Authorization: Bearer <token>");
  }

  /** Before-handler for Cendyn's {@code Token token=} scheme: sets the tenant, or fails with 401. */
  public void authenticateTokenScheme(Context ctx) {
    authenticate(ctx, TOKEN, "Authorization: Token token=<token>");
  }

  private void authenticate(Context ctx, String scheme, String expected) {
    String header = ctx.header("Authorization");
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(scheme)) {
      throw new UnauthorizedResponse("Not Authorized: send '" + expected + "'");
    }
    String tenant = tokens.tenantOf(header.substring(scheme.length()).strip())
        .orElseThrow(() -> new UnauthorizedResponse("Not Authorized: unknown token"));
    ctx.attribute(ATTRIBUTE, tenant);
  }

  /**
   * The authenticated tenant, which must be the one a path names (Cendyn's {@code account_id});
   * 403 otherwise, so a token never reaches another tenant's contacts whatever the path says.
   */
  public static String requireTenant(Context ctx, String namedTenant) {
    String tenant = of(ctx);
    if (!tenant.equals(namedTenant)) {
      throw new ForbiddenResponse("Forbidden: this token does not grant access to account " + namedTenant);
    }
    return tenant;
  }

  /** The authenticated tenant of this request. */
  public static String of(Context ctx) {
    String tenant = ctx.attribute(ATTRIBUTE);
    if (tenant == null) {
      throw new IllegalStateException("route " + ctx.path() + " is not behind authentication");
    }
    return tenant;
  }
}
