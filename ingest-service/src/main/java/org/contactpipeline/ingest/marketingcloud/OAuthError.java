package org.contactpipeline.ingest.marketingcloud;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * OAuth 2.0's error body (RFC 6749 section 5.2), as Marketing Cloud's token endpoint answers.
 * Clients such as fuel-auth ignore the HTTP status and look only for {@code access_token}, so a
 * refusal must be this JSON and must not carry one.
 */
public record OAuthError(
    String error, @JsonProperty("error_description") String errorDescription) {}
