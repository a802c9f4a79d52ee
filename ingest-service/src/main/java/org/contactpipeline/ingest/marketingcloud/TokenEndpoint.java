package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.contactpipeline.ingest.auth.AccessTokens;
import org.contactpipeline.ingest.auth.FailedLogins;
import org.contactpipeline.ingest.auth.OAuthClient;
import org.contactpipeline.ingest.auth.OAuthClients;
import org.contactpipeline.ingest.http.BodyText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v2/token}: Marketing Cloud's OAuth 2.0 client-credentials login. Takes {@code
 * grant_type}, {@code client_id}, {@code client_secret}, {@code account_id} (the MID) and an
 * optional {@code scope} as JSON (as the vendor's clients send it) or as a form (as RFC 6749 has
 * it), and answers the vendor's token response, whose {@code rest_instance_url} is this deployment.
 * Failures are counted per client and per source and answered in OAuth's error shape.
 */
public final class TokenEndpoint implements Handler {

  public static final String PATH = "/v2/token";
  private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
  private static final String SCHEME = "oauth";

  private final ObjectMapper json;
  private final OAuthClients clients;
  private final AccessTokens tokens;
  private final FailedLogins failures;
  private final String publicBaseUrl;

  /**
   * @param publicBaseUrl ends in {@code /}; empty to answer with the request's own scheme and host
   */
  public TokenEndpoint(
      ObjectMapper json,
      OAuthClients clients,
      AccessTokens tokens,
      FailedLogins failures,
      String publicBaseUrl) {
    this.json = json;
    this.clients = clients;
    this.tokens = tokens;
    this.failures = failures;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public void handle(Context ctx) {
    // Token responses must not be cached (RFC 6749 section 5.1), refusals included.
    ctx.header("Cache-Control", "no-store").header("Pragma", "no-cache");
    Map<String, String> params = parameters(ctx);
    if (params == null) {
      refuse(ctx, 400, "invalid_request", "the body must be a JSON object or a form");
      return;
    }
    String grant = params.get("grant_type");
    if (!"client_credentials".equals(grant)) {
      refuse(
          ctx,
          400,
          grant == null ? "invalid_request" : "unsupported_grant_type",
          grant == null
              ? "grant_type is required"
              : "only grant_type client_credentials is supported");
      return;
    }
    String clientId = params.get("client_id");
    String secret = params.get("client_secret");
    if (clientId == null || clientId.isEmpty() || secret == null) {
      refuse(ctx, 400, "invalid_request", "client_id and client_secret are required");
      return;
    }
    failures.check(SCHEME, clientId, ctx.ip());
    Optional<OAuthClient> client = clients.authenticate(clientId, secret);
    String accountId = params.get("account_id");
    if (client.isEmpty()
        || (accountId != null && !accountId.strip().equals(Long.toString(client.get().mid())))) {
      failures.recordFailure(SCHEME, clientId, ctx.ip());
      // The id is not secret; which of id, secret or account was wrong is not said.
      LOG.info("refused login of client '{}' from {}", printable(clientId), ctx.ip());
      refuse(
          ctx,
          401,
          "invalid_client",
          "Client authentication failed: unknown client, wrong secret or wrong account_id");
      return;
    }
    Optional<String> scope = grantedScope(client.get(), params.get("scope"));
    if (scope.isEmpty()) {
      refuse(ctx, 400, "invalid_scope", "the requested scope exceeds what this client may ask for");
      return;
    }
    String base = publicBaseUrl.isEmpty() ? ctx.scheme() + "://" + ctx.host() + "/" : publicBaseUrl;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("access_token", tokens.issue(client.get(), scope.get()));
    answer.put("token_type", "Bearer");
    answer.put("expires_in", tokens.lifetime().toSeconds());
    answer.put("scope", scope.get());
    answer.put("soap_instance_url", base + "soap/");
    answer.put("rest_instance_url", base);
    ctx.json(answer);
  }

  /**
   * What was asked for, if the client may have it; all its scopes when nothing was asked for. A
   * client configured without scopes may have any scope, and gets the Contacts API's read and write
   * scopes when it asks for none; the token carries exactly the scopes granted, and the REST API
   * enforces them ({@link ContactScopes}).
   */
  private static Optional<String> grantedScope(OAuthClient client, String requested) {
    Set<String> asked = requested == null ? Set.of() : scopesOf(requested);
    if (asked.isEmpty()) {
      return Optional.of(
          String.join(" ", client.scopes().isEmpty() ? ContactScopes.ALL : client.scopes()));
    }
    if (!client.scopes().isEmpty() && !client.scopes().containsAll(asked)) {
      return Optional.empty();
    }
    return Optional.of(String.join(" ", asked));
  }

  private static Set<String> scopesOf(String text) {
    return new java.util.LinkedHashSet<>(
        java.util.Arrays.stream(text.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList());
  }

  /**
   * The login's parameters as text (account_id may be a JSON number); null for an unreadable body.
   */
  private Map<String, String> parameters(Context ctx) {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    if (type.startsWith("application/x-www-form-urlencoded")) {
      ctx.formParamMap()
          .forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
      return params;
    }
    try {
      JsonNode body = json.readTree(BodyText.of(ctx));
      if (body == null || !body.isObject()) {
        return null;
      }
      body.fields()
          .forEachRemaining(
              field -> {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                  params.put(field.getKey(), field.getValue().asText());
                }
              });
      return params;
    } catch (io.javalin.http.HttpResponseException answered) {
      throw answered; // the body limit's 413, answered as it is
    } catch (Exception unreadable) {
      return null;
    }
  }

  private static void refuse(Context ctx, int status, String error, String description) {
    ctx.status(status).json(new OAuthError(error, description));
  }

  private static String printable(String clientId) {
    String shown = clientId.length() > 64 ? clientId.substring(0, 64) + "…" : clientId;
    return shown.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
