package org.contactpipeline.ingest.cendyn;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;
import org.contactpipeline.ingest.auth.FailedLogins;
import org.contactpipeline.ingest.auth.SharedSecrets;
import org.contactpipeline.ingest.http.Tenants;

/**
 * Before-handler of Cendyn CRM's API: {@code Authorization: Token token=<secret>} (quoted or not,
 * as Rails-style token authentication allows), where the secret is one of an account's tokens
 * ({@code auth.cendyn.account-tokens}) or a static service token. The secret's account becomes the
 * tenant; the handlers then refuse with 403 a path that names another account, so the account in
 * the path is always bound to its own secret. Unknown tokens count against the path's account and
 * the source address.
 */
public final class CendynAuthentication implements Handler {

  private static final String SCHEME = "cendyn";
  private static final String PREFIX = "token token=";

  private final Tenants tenants;
  private final SharedSecrets accounts;
  private final FailedLogins failures;

  public CendynAuthentication(Tenants tenants, SharedSecrets accounts, FailedLogins failures) {
    this.tenants = tenants;
    this.accounts = accounts;
    this.failures = failures;
  }

  /** Static tokens only, for tests and embeddings that configure no account tokens. */
  public static CendynAuthentication staticTokens(Tenants tenants) {
    return new CendynAuthentication(
        tenants, SharedSecrets.none("auth.cendyn.account-tokens"), FailedLogins.unlimited());
  }

  @Override
  public void handle(Context ctx) {
    String token =
        Tenants.credential(ctx, PREFIX)
            .map(CendynAuthentication::unquoted)
            .orElseThrow(
                () ->
                    new UnauthorizedResponse(
                        "Not Authorized: send 'Authorization: Token token=<token>'"));
    String account = accountInPath(ctx.path());
    failures.check(SCHEME, account, ctx.ip());
    Optional<String> tenant =
        accounts
            .holderOf(token)
            .map(SharedSecrets.Entry::tenant)
            .or(() -> tenants.staticTenant(token));
    if (tenant.isEmpty()) {
      failures.recordFailure(SCHEME, account, ctx.ip());
      throw new UnauthorizedResponse("Not Authorized: unknown token");
    }
    Tenants.assign(ctx, tenant.get());
  }

  private static String unquoted(String token) {
    return token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")
        ? token.substring(1, token.length() - 1)
        : token;
  }

  /**
   * The {@code account_id} of {@code /v2/account/{account_id}/...}; null when the path has none.
   */
  private static String accountInPath(String path) {
    String rest = path.startsWith("/v2/account/") ? path.substring("/v2/account/".length()) : "";
    int slash = rest.indexOf('/');
    String account = slash < 0 ? rest : rest.substring(0, slash);
    return account.isEmpty() ? null : account;
  }
}
