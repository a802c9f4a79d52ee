package org.contactpipeline.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets both sides must hold in clear, because the server recomputes what the client computed
 * with them: iVvy's API secrets (an HMAC key) and Cendyn's account tokens. Read from one setting:
 * {@code id=tenant:secret[|secret]} (iVvy: the API key names the tenant) or {@code
 * account=secret[|secret]} (Cendyn: the account is the tenant). A second secret lets a new one go
 * live before the old one is retired. Comparisons take constant time; nothing here prints a secret.
 */
public final class SharedSecrets {

  /** One id (API key or account), the tenant it acts for, and its secrets. */
  public record Entry(String id, String tenant, List<byte[]> secrets) {
    public Entry {
      secrets = List.copyOf(secrets);
    }

    @Override
    public String toString() {
      return "Entry[" + id + " for " + tenant + ", " + secrets.size() + " secret(s)]";
    }
  }

  private final String setting;
  private final Map<String, Entry> byId;

  private SharedSecrets(String setting, Map<String, Entry> byId) {
    this.setting = setting;
    this.byId = Map.copyOf(byId);
  }

  public static SharedSecrets none(String setting) {
    return new SharedSecrets(setting, Map.of());
  }

  /**
   * @param withTenant whether each entry names its tenant ({@code id=tenant:secret}) or is its own
   *     tenant ({@code id=secret})
   */
  public static SharedSecrets parse(String setting, String spec, boolean withTenant) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<byte[]> all = new ArrayList<>();
    String shape = withTenant ? "id=tenant:secret[|secret]" : "account=secret[|secret]";
    for (String text : spec.split(",")) {
      if (text.isBlank()) {
        continue;
      }
      int eq = text.indexOf('=');
      String id = eq > 0 ? text.substring(0, eq).strip() : "";
      String rest = eq > 0 ? text.substring(eq + 1) : "";
      String tenant = id;
      if (withTenant) {
        int colon = rest.indexOf(':');
        tenant = colon > 0 ? rest.substring(0, colon).strip() : "";
        rest = colon > 0 ? rest.substring(colon + 1) : "";
      }
      List<byte[]> secrets = new ArrayList<>();
      for (String secret : rest.split("\\|")) {
        if (!secret.isBlank()) {
          secrets.add(secret.strip().getBytes(StandardCharsets.UTF_8));
        }
      }
      if (id.isEmpty() || tenant.isEmpty() || secrets.isEmpty() || secrets.size() > 2) {
        throw new IllegalArgumentException(
            setting
                + " entries must look like "
                + shape
                + " (one secret, or two while rotating); entry "
                + (entries.size() + 1)
                + " does not");
      }
      for (byte[] secret : secrets) {
        if (all.stream().anyMatch(existing -> MessageDigest.isEqual(existing, secret))) {
          // Otherwise one secret would authenticate two ids, and with them two tenants.
          throw new IllegalArgumentException(
              setting + " gives '" + id + "' a secret that is already in use");
        }
        all.add(secret);
      }
      if (entries.put(id, new Entry(id, tenant, secrets)) != null) {
        throw new IllegalArgumentException(setting + " names '" + id + "' twice");
      }
    }
    return new SharedSecrets(setting, entries);
  }

  public Optional<Entry> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * The entry holding this secret; every secret is compared, so time does not tell which came
   * close.
   */
  public Optional<Entry> holderOf(String secret) {
    byte[] presented = secret.getBytes(StandardCharsets.UTF_8);
    Entry match = null;
    for (Entry entry : byId.values()) {
      for (byte[] candidate : entry.secrets()) {
        if (MessageDigest.isEqual(candidate, presented)) {
          match = entry;
        }
      }
    }
    return Optional.ofNullable(match);
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  @Override
  public String toString() {
    return setting + byId.keySet();
  }
}
