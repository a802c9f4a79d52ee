package org.contactpipeline.ingest.auth;

import java.time.Duration;
import org.contactpipeline.config.Settings;

/**
 * Every vendor's credentials and the rules around them, read once at start from configuration
 * (defaults, then {@code CONFIG_FILE}, then the environment; never from the repository). The static
 * bearer tokens ({@code auth.tenant-tokens}) stay in {@code IngestConfig}.
 *
 * @param marketingCloudClients OAuth clients of {@code POST /v2/token}
 * @param signingKeys keys that sign (the first) and verify (all) access tokens
 * @param tokenLifetime an access token's {@code expires_in}
 * @param publicBaseUrl this deployment's base URL as clients reach it (ends in {@code /}); empty:
 *     taken from each token request's own scheme and {@code Host}
 * @param ivvyKeys iVvy API keys with their tenants and secrets
 * @param cendynAccounts Cendyn accounts with their tokens
 * @param failureLimits how many failed logins or bad signatures a client or a source may have
 */
public record Credentials(
    OAuthClients marketingCloudClients,
    java.util.List<String> signingKeys,
    Duration tokenLifetime,
    String publicBaseUrl,
    SharedSecrets ivvyKeys,
    SharedSecrets cendynAccounts,
    FailedLogins.FailureLimits failureLimits) {

  public static final String IVVY_KEYS = "auth.ivvy.keys";
  public static final String CENDYN_ACCOUNTS = "auth.cendyn.account-tokens";

  public Credentials {
    signingKeys = java.util.List.copyOf(signingKeys);
    if (!publicBaseUrl.isEmpty() && !publicBaseUrl.endsWith("/")) {
      // fuel-rest pastes the path straight onto rest_instance_url.
      publicBaseUrl = publicBaseUrl + "/";
    }
    if (!marketingCloudClients.isEmpty() && signingKeys.isEmpty()) {
      throw new IllegalArgumentException(
          "auth.marketing-cloud.clients is set but auth.token-signing-keys is empty:"
              + " no access token could be issued");
    }
  }

  /** Only static bearer tokens: what tests and embeddings get unless they configure more. */
  public static Credentials none() {
    return new Credentials(
        OAuthClients.none(),
        java.util.List.of(),
        Duration.ofMinutes(20),
        "",
        SharedSecrets.none(IVVY_KEYS),
        SharedSecrets.none(CENDYN_ACCOUNTS),
        FailedLogins.FailureLimits.UNLIMITED);
  }

  public static Credentials from(Settings settings) {
    return new Credentials(
        OAuthClients.parse(settings.string("auth.marketing-cloud.clients")),
        AccessTokens.parseKeys(settings.string("auth.token-signing-keys")),
        Duration.ofSeconds(settings.positiveInteger("auth.token-lifetime-seconds")),
        settings.string("http.public-base-url").strip(),
        SharedSecrets.parse(IVVY_KEYS, settings.string(IVVY_KEYS), true),
        SharedSecrets.parse(CENDYN_ACCOUNTS, settings.string(CENDYN_ACCOUNTS), false),
        new FailedLogins.FailureLimits(
            settings.integer("auth.failed-logins.per-client"),
            settings.integer("auth.failed-logins.per-source"),
            Duration.ofSeconds(settings.positiveInteger("auth.failed-logins.window-seconds"))));
  }

  @Override
  public String toString() {
    return "Credentials["
        + marketingCloudClients
        + ", "
        + signingKeys.size()
        + " signing key(s), "
        + ivvyKeys
        + ", "
        + cendynAccounts
        + "]";
  }
}
