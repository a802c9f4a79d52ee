package org.contactpipeline.ingest.http;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.Locale;

/**
 * Authenticates a request by its bearer token and remembers the tenant on the request, so
 * handlers scope everything they do by {@link #of(Context)} and never by anything the body says.
 */
public final class Tenants {

  private static final String ATTRIBUTE = "contact-pipeline.tenant";
  private static final String BEARER = "bearer ";

  private final TenantTokens tokens;

  public Tenants(TenantTokens tokens) {
    this.tokens = tokens;
  }

  /** Before-handler: sets the tenant, or fails with 401 when the token is missing or unknown. */
  public void authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      throw new UnauthorizedResponse("Not Authorized: send 'Authorization: Bearer <token>'");
    }
    String tenant = tokens.tenantOf(header.substring(BEARER.length()).strip())
        .orElseThrow(() -> new UnauthorizedResponse("Not Authorized: unknown token"));
    ctx.attribute(ATTRIBUTE, tenant);
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
