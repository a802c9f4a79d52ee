package org.contactpipeline.ingest.marketingcloud;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;
import org.contactpipeline.ingest.auth.AccessTokens;
import org.contactpipeline.ingest.auth.FailedLogins;
import org.contactpipeline.ingest.auth.OAuthClients;
import org.contactpipeline.ingest.http.Tenants;

/**
 * Before-handler of Marketing Cloud's REST routes: {@code Authorization: Bearer <token>} with an
 * access token from {@code POST /v2/token} or a static service token. A refused token gets 401
 * with {@code WWW-Authenticate: Bearer error="invalid_token"}, the one answer on which the
 * vendor's clients (fuel-rest) fetch a new token and retry.
 */
public final class BearerAuthentication implements Handler {

  static final String SCHEME = "bearer";

  private final Tenants tenants;
  private final AccessTokens accessTokens;
  private final OAuthClients clients;
  private final FailedLogins failures;

  public BearerAuthentication(Tenants tenants, AccessTokens accessTokens, OAuthClients clients,
      FailedLogins failures) {
    this.tenants = tenants;
    this.accessTokens = accessTokens;
    this.clients = clients;
    this.failures = failures;
  }

  /** Static tokens only, as before OAuth: for tests and embeddings that configure nothing else. */
  public static BearerAuthentication staticTokens(Tenants tenants) {
    return new BearerAuthentication(tenants, new AccessTokens(java.util.List.of(), java.time.Duration.ZERO,
        java.time.Clock.systemUTC()), OAuthClients.none(), FailedLogins.unlimited());
  }

  @Override
  public void handle(Context ctx) {
    Optional<String> token = Tenants.credential(ctx, SCHEME + " ");
    if (token.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new UnauthorizedResponse("Not Authorized: send 'Authorization: Bearer <token>'");
    }
    failures.check(SCHEME, null, ctx.ip());
    Optional<String> tenant = tenants.staticTenant(token.get()).or(() -> accessTokens.verify(token.get())
        // A client removed from configuration loses its live tokens at once.
        .filter(claims -> clients.byId(claims.clientId()).map(c -> c.tenant().equals(claims.tenant())).orElse(false))
        .map(claims -> claims.tenant()));
    if (tenant.isEmpty()) {
      failures.recordFailure(SCHEME, null, ctx.ip());
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\", "
          + "error_description=\"The access token is unknown or expired\"");
      throw new UnauthorizedResponse("Not Authorized: unknown or expired token");
    }
    Tenants.assign(ctx, tenant.get());
  }
}
