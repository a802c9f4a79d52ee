package org.contactpipeline.ingest.auth;

import java.time.Instant;

/** What a Marketing Cloud access token says: who it was issued to, for which scope, until when. */
public record AccessToken(String clientId, String tenant, long mid, String scope, Instant expiresAt) {
}
