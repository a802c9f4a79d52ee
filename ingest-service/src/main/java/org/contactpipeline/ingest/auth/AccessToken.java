package org.contactpipeline.ingest.auth;

import java.time.Instant;
import java.util.Arrays;

/**
 * What a Marketing Cloud access token says: who it was issued to, for which scope (space-separated
 * scope names, as OAuth writes them), until when.
 */
public record AccessToken(
    String clientId, String tenant, long mid, String scope, Instant expiresAt) {

  /** Whether {@code name} is one of the token's scopes. */
  public boolean grants(String name) {
    return !name.isBlank() && Arrays.asList(scope.strip().split("\\s+")).contains(name);
  }
}
