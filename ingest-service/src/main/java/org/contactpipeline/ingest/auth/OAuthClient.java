package org.contactpipeline.ingest.auth;

import java.util.List;
import java.util.Set;

/**
 * One Marketing Cloud API client: its id, the tenant it acts for, that tenant's numeric MID (what
 * clients send as {@code account_id}), the hashes of its secrets (two during a rotation) and the
 * scopes it may ask for (empty: any scope asked for is granted as asked).
 */
public record OAuthClient(
    String clientId, String tenant, long mid, List<SecretHash> secrets, Set<String> scopes) {

  public OAuthClient {
    secrets = List.copyOf(secrets);
    // In configured order: the token response's scope lists them as configured.
    scopes = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(scopes));
  }

  /**
   * Whether {@code secret} is one of this client's; every hash is tried so time says nothing about
   * which.
   */
  boolean hasSecret(String secret) {
    boolean match = false;
    for (SecretHash hash : secrets) {
      match |= hash.matches(secret);
    }
    return match;
  }

  @Override
  public String toString() {
    return "OAuthClient["
        + clientId
        + " for "
        + tenant
        + ", MID "
        + mid
        + ", "
        + secrets.size()
        + " secret(s)]";
  }
}
