package org.contactpipeline.ingest.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which bearer token belongs to which tenant, from {@code auth.tenant-tokens} ({@code
 * tenant=token,tenant=token}). Tokens are compared in constant time and never logged: {@link
 * #toString()} names only the tenants.
 */
public final class TenantTokens {

  private final Map<String, byte[]> tokenByTenant;

  private TenantTokens(Map<String, byte[]> tokenByTenant) {
    this.tokenByTenant = Map.copyOf(tokenByTenant);
  }

  public static TenantTokens parse(String spec) {
    Map<String, byte[]> tokens = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(
            "auth.tenant-tokens entries must look like tenant=token; one entry is '"
                + entry.substring(0, Math.max(0, eq))
                + "=…' ");
      }
      String tenant = entry.substring(0, eq).strip();
      String token = entry.substring(eq + 1).strip();
      byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
      if (tokens.values().stream().anyMatch(existing -> MessageDigest.isEqual(existing, bytes))) {
        // Otherwise one tenant's requests would silently act on another tenant's contacts.
        throw new IllegalArgumentException(
            "auth.tenant-tokens gives tenant '"
                + tenant
                + "' a token that another tenant already has");
      }
      if (tokens.put(tenant, bytes) != null) {
        throw new IllegalArgumentException(
            "auth.tenant-tokens names tenant '" + tenant + "' twice");
      }
    }
    return new TenantTokens(tokens);
  }

  /** The tenant this token belongs to; empty for an unknown token. */
  public Optional<String> tenantOf(String token) {
    byte[] presented = token.getBytes(StandardCharsets.UTF_8);
    String match = null;
    for (Map.Entry<String, byte[]> entry : tokenByTenant.entrySet()) {
      // Every entry is compared, so the time taken does not reveal which tenant came close.
      if (MessageDigest.isEqual(entry.getValue(), presented)) {
        match = entry.getKey();
      }
    }
    return Optional.ofNullable(match);
  }

  /** The tenants that have a token. */
  public Set<String> tenants() {
    return tokenByTenant.keySet();
  }

  public boolean isEmpty() {
    return tokenByTenant.isEmpty();
  }

  @Override
  public String toString() {
    return "TenantTokens" + tokenByTenant.keySet();
  }
}
