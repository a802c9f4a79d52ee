package org.contactpipeline.ingest.http;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.Locale;
import org.contactpipeline.logging.RequestLogContext;

/**
 * Authenticates a request by its token and remembers the tenant on the request, so handlers scope
 * everything they do by {@link #of(Context)} and never by anything the body or path says. This
 * class knows the static tokens of {@code auth.tenant-tokens} (Marketing Cloud and iVvy send them
 * as {@code Authorization: Bearer <token>}, Cendyn CRM as {@code Authorization: Token
 * token=<token>}); each vendor's own scheme (OAuth access tokens, iVvy signatures, Cendyn account
 * tokens) lives with its API and records the tenant here through {@link #assign}.
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

  /**
   * Before-handler for Cendyn's {@code Token token=} scheme: sets the tenant, or fails with 401.
   */
  public void authenticateTokenScheme(Context ctx) {
    authenticate(ctx, TOKEN, "Authorization: Token token=<token>");
  }

  private void authenticate(Context ctx, String scheme, String expected) {
    String token =
        credential(ctx, scheme)
            .orElseThrow(() -> new UnauthorizedResponse("Not Authorized: send '" + expected + "'"));
    assign(
        ctx,
        staticTenant(token)
            .orElseThrow(() -> new UnauthorizedResponse("Not Authorized: unknown token")));
  }

  /**
   * What follows {@code scheme} (lower case, e.g. {@code "bearer "}) in the Authorization header;
   * empty when the header is missing or uses another scheme.
   */
  public static java.util.Optional<String> credential(Context ctx, String scheme) {
    String header = ctx.header("Authorization");
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(scheme)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(header.substring(scheme.length()).strip());
  }

  /** The tenant of a static token ({@code auth.tenant-tokens}), the service-to-service option. */
  public java.util.Optional<String> staticTenant(String token) {
    return tokens.tenantOf(token);
  }

  /**
   * Records the tenant a vendor's own authentication established for this request, also in the
   * logging MDC beside the request id ({@link RequestIds}).
   */
  public static void assign(Context ctx, String tenant) {
    ctx.attribute(ATTRIBUTE, tenant);
    RequestLogContext.set(RequestLogContext.TENANT, tenant);
  }

  /**
   * The authenticated tenant, which must be the one a path names (Cendyn's {@code account_id}); 403
   * otherwise, so a token never reaches another tenant's contacts whatever the path says.
   */
  public static String requireTenant(Context ctx, String namedTenant) {
    String tenant = of(ctx);
    if (!tenant.equals(namedTenant)) {
      throw new ForbiddenResponse(
          "Forbidden: this token does not grant access to account " + namedTenant);
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
