package org.contactpipeline.ingest.auth;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Marketing Cloud API clients, from {@code auth.marketing-cloud.clients}: {@code
 * client-id=tenant:mid:hash[|hash][:scope scope ...]}, entries separated by commas. Each hash is a
 * {@link SecretHash}; a second one lets a new secret go live before the old one is retired. Error
 * messages name clients and positions, never a hash.
 */
public final class OAuthClients {

  private static final SecretHash UNKNOWN_CLIENT =
      SecretHash.of("unknown-client-" + System.nanoTime());

  private final Map<String, OAuthClient> byId;

  private OAuthClients(Map<String, OAuthClient> byId) {
    this.byId = Map.copyOf(byId);
  }

  public static OAuthClients none() {
    return new OAuthClients(Map.of());
  }

  public static OAuthClients parse(String spec) {
    Map<String, OAuthClient> clients = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      String id = eq > 0 ? entry.substring(0, eq).strip() : "";
      String[] fields = eq > 0 ? entry.substring(eq + 1).split(":", -1) : new String[0];
      if (id.isEmpty() || fields.length < 3 || fields.length > 4) {
        throw new IllegalArgumentException(
            "auth.marketing-cloud.clients entries must look like "
                + "client-id=tenant:mid:hash[|hash][:scopes]; entry "
                + (clients.size() + 1)
                + " does not");
      }
      long mid;
      try {
        mid = Long.parseLong(fields[1].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "auth.marketing-cloud.clients: client '"
                + id
                + "' needs a numeric MID (clients send it as account_id)");
      }
      List<SecretHash> hashes;
      try {
        hashes =
            Arrays.stream(fields[2].split("\\|"))
                .map(String::strip)
                .filter(h -> !h.isEmpty())
                .map(SecretHash::parse)
                .toList();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "auth.marketing-cloud.clients: client '" + id + "': " + e.getMessage());
      }
      if (hashes.isEmpty() || hashes.size() > 2) {
        throw new IllegalArgumentException(
            "auth.marketing-cloud.clients: client '"
                + id
                + "' needs one secret hash, or two while rotating");
      }
      Set<String> scopes = fields.length == 4 ? scopes(fields[3]) : Set.of();
      if (clients.put(id, new OAuthClient(id, fields[0].strip(), mid, hashes, scopes)) != null) {
        throw new IllegalArgumentException(
            "auth.marketing-cloud.clients names client '" + id + "' twice");
      }
    }
    return new OAuthClients(clients);
  }

  /**
   * The client whose id and secret these are; an unknown id costs the same hashing as a known one.
   */
  public Optional<OAuthClient> authenticate(String clientId, String secret) {
    OAuthClient client = byId.get(clientId);
    if (client == null) {
      UNKNOWN_CLIENT.matches(secret);
      return Optional.empty();
    }
    return client.hasSecret(secret) ? Optional.of(client) : Optional.empty();
  }

  /** The configured client with this id, for checking that a token's client still exists. */
  public Optional<OAuthClient> byId(String clientId) {
    return Optional.ofNullable(byId.get(clientId));
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  static Set<String> scopes(String text) {
    Set<String> scopes = new LinkedHashSet<>();
    for (String scope : text.strip().split("\\s+")) {
      if (!scope.isEmpty()) {
        scopes.add(scope);
      }
    }
    return scopes;
  }

  @Override
  public String toString() {
    return "OAuthClients" + byId.keySet();
  }
}
