package org.contactpipeline.ingest.marketingcloud;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Handler;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;
import org.contactpipeline.ingest.auth.AccessToken;
import org.contactpipeline.ingest.auth.AccessTokens;
import org.contactpipeline.ingest.auth.FailedLogins;
import org.contactpipeline.ingest.auth.OAuthClients;
import org.contactpipeline.ingest.http.Tenants;

/**
 * Before-handler of Marketing Cloud's REST routes: {@code Authorization: Bearer <token>} with an
 * access token from {@code POST /v2/token} or a static service token. A refused token gets 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"}, the one answer on which the vendor's
 * clients (fuel-rest, sfmc-sdk) fetch a new token and retry. An access token must also hold the
 * scope the route needs ({@link ContactScopes}), or the answer is Marketing Cloud's 403; static
 * service tokens are trusted with every scope. Tokens that were never issued here count as failed
 * attempts of the source address; an expired one does not, since it cannot be guessed.
 */
public final class BearerAuthentication implements Handler {

  static final String SCHEME = "bearer";

  /** Marketing Cloud's own words for a token without the scope a resource needs. */
  static final String INSUFFICIENT_PRIVILEGES = "Insufficient privileges to complete this action.";

  private final Tenants tenants;
  private final AccessTokens accessTokens;
  private final OAuthClients clients;
  private final FailedLogins failures;

  public BearerAuthentication(
      Tenants tenants, AccessTokens accessTokens, OAuthClients clients, FailedLogins failures) {
    this.tenants = tenants;
    this.accessTokens = accessTokens;
    this.clients = clients;
    this.failures = failures;
  }

  /** Static tokens only, as before OAuth: for tests and embeddings that configure nothing else. */
  public static BearerAuthentication staticTokens(Tenants tenants) {
    return new BearerAuthentication(
        tenants,
        new AccessTokens(java.util.List.of(), java.time.Duration.ZERO, java.time.Clock.systemUTC()),
        OAuthClients.none(),
        FailedLogins.unlimited());
  }

  @Override
  public void handle(Context ctx) {
    Optional<String> token = Tenants.credential(ctx, SCHEME + " ");
    if (token.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new UnauthorizedResponse("Not Authorized: send 'Authorization: Bearer <token>'");
    }
    failures.check(SCHEME, null, ctx.ip());
    Optional<String> staticTenant = tenants.staticTenant(token.get());
    if (staticTenant.isPresent()) {
      Tenants.assign(ctx, staticTenant.get());
      return;
    }
    AccessToken claims =
        accessTokens
            .verify(token.get())
            // A client removed from configuration loses its live tokens at once.
            .filter(
                c ->
                    clients
                        .byId(c.clientId())
                        .map(client -> client.tenant().equals(c.tenant()))
                        .orElse(false))
            .orElseThrow(() -> refused(ctx, token.get()));
    String required = ContactScopes.requiredFor(ctx.method(), ctx.path());
    if (!claims.grants(required)) {
      ctx.header(
          "WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + required + "\"");
      throw new ForbiddenResponse(INSUFFICIENT_PRIVILEGES);
    }
    Tenants.assign(ctx, claims.tenant());
  }

  private UnauthorizedResponse refused(Context ctx, String token) {
    if (!accessTokens.isSigned(token)) {
      failures.recordFailure(SCHEME, null, ctx.ip());
    }
    ctx.header(
        "WWW-Authenticate",
        "Bearer error=\"invalid_token\", "
            + "error_description=\"The access token is unknown or expired\"");
    return new UnauthorizedResponse("Not Authorized: unknown or expired token");
  }
}
