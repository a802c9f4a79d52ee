package org.contactpipeline.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every tenant's identity rules, read from a JSON file and checked as a whole when read, so that a
 * mistake stops the service at start with a message naming the tenant and the field, instead of
 * merging or splitting contacts by a rule nobody meant. A tenant the file does not name gets its
 * {@code default} entry, or identity by key alone when there is none.
 *
 * <pre>{@code
 * {
 *   "default": {"match": ["email"]},
 *   "tenants": {
 *     "acme": {
 *       "match": ["user_id", "email", "phone"],
 *       "limits": {"user_id": 1, "email": 3},
 *       "blocked": {"email": ["info@acme\\.example", ".*@mailinator\\.com"]},
 *       "onConflict": "refuse"
 *     }
 *   }
 * }
 * }</pre>
 */
public final class IdentityRules {

  /** The rules of a deployment without a rules file: every tenant by key alone. */
  public static final IdentityRules KEY_ONLY =
      new IdentityRules(TenantIdentityRules.KEY_ONLY, Map.of());

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  private final TenantIdentityRules fallback;
  private final Map<String, TenantIdentityRules> byTenant;

  private IdentityRules(TenantIdentityRules fallback, Map<String, TenantIdentityRules> byTenant) {
    this.fallback = fallback;
    this.byTenant = Map.copyOf(byTenant);
  }

  /** The rules in the file at {@code path}; {@link #KEY_ONLY} when {@code path} is empty. */
  public static IdentityRules load(String path) {
    if (path == null || path.isBlank()) {
      return KEY_ONLY;
    }
    try {
      return parse(Files.readAllBytes(Path.of(path)), path);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read identity rules file " + path + ": " + e, e);
    }
  }

  /** Rules given as JSON text (tests, embedding). */
  public static IdentityRules parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8), "given text");
  }

  /** The rules of {@code tenant}. */
  public TenantIdentityRules of(String tenant) {
    return byTenant.getOrDefault(tenant, fallback);
  }

  private static IdentityRules parse(byte[] json, String source) {
    RulesFile file;
    try {
      file = STRICT.readValue(json, RulesFile.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "identity rules (" + source + ") are not valid: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read identity rules (" + source + "): " + e, e);
    }
    if (file == null) {
      throw new IllegalArgumentException("identity rules (" + source + ") are empty");
    }
    TenantIdentityRules fallback =
        file.fallback == null
            ? TenantIdentityRules.KEY_ONLY
            : file.fallback.checked(source + ", default");
    Map<String, TenantIdentityRules> byTenant = new LinkedHashMap<>();
    if (file.tenants != null) {
      file.tenants.forEach(
          (tenant, rules) -> {
            if (tenant.isBlank()) {
              throw new IllegalArgumentException(
                  "identity rules (" + source + "): a tenant name is empty");
            }
            if (rules == null) {
              throw new IllegalArgumentException(
                  "identity rules (" + source + ", tenant " + tenant + ") are null");
            }
            byTenant.put(tenant, rules.checked(source + ", tenant " + tenant));
          });
    }
    return new IdentityRules(fallback, byTenant);
  }

  /** The file as written. */
  private static final class RulesFile {
    @JsonProperty("default")
    RulesEntry fallback;

    @JsonProperty("tenants")
    Map<String, RulesEntry> tenants;
  }

  /** One entry as written, checked into {@link TenantIdentityRules}. */
  private static final class RulesEntry {
    @JsonProperty("match")
    List<String> match;

    @JsonProperty("limits")
    Map<String, Integer> limits;

    @JsonProperty("blocked")
    Map<String, List<String>> blocked;

    @JsonProperty("onConflict")
    String onConflict;

    TenantIdentityRules checked(String where) {
      if (match == null || match.isEmpty()) {
        throw invalid(
            where, "match", "must name at least one identifier type: " + IdentifierType.names());
      }
      List<IdentifierType> types = new ArrayList<>();
      for (String name : match) {
        IdentifierType type = type(where, "match", name);
        if (types.contains(type)) {
          throw invalid(where, "match", "names " + type.configName() + " twice");
        }
        types.add(type);
      }
      Set<IdentifierType> matched = EnumSet.copyOf(types);
      Map<IdentifierType, Integer> checkedLimits = new EnumMap<>(IdentifierType.class);
      if (limits != null) {
        limits.forEach(
            (name, limit) -> {
              IdentifierType type = matchedType(where, "limits", name, matched);
              if (limit == null || limit < 1 || limit > TenantIdentityRules.MAX_LIMIT) {
                throw invalid(
                    where,
                    "limits." + name,
                    "must be 1 to " + TenantIdentityRules.MAX_LIMIT + ", was " + limit);
              }
              checkedLimits.put(type, limit);
            });
      }
      Map<IdentifierType, List<Pattern>> checkedBlocked = new EnumMap<>(IdentifierType.class);
      if (blocked != null) {
        blocked.forEach(
            (name, patterns) -> {
              IdentifierType type = matchedType(where, "blocked", name, matched);
              List<Pattern> compiled = new ArrayList<>();
              for (String pattern : patterns == null ? List.<String>of() : patterns) {
                compiled.add(pattern(where, "blocked." + name, pattern));
              }
              checkedBlocked.put(type, compiled);
            });
      }
      OnConflict conflict;
      try {
        conflict = onConflict == null ? OnConflict.REFUSE : OnConflict.named(onConflict);
      } catch (IllegalArgumentException e) {
        throw invalid(where, "onConflict", e.getMessage());
      }
      return new TenantIdentityRules(types, checkedLimits, checkedBlocked, conflict);
    }

    private static IdentifierType matchedType(
        String where, String field, String name, Set<IdentifierType> matched) {
      IdentifierType type = type(where, field, name);
      if (!matched.contains(type)) {
        throw invalid(where, field + "." + name, type.configName() + " is not in match");
      }
      return type;
    }

    private static IdentifierType type(String where, String field, String name) {
      try {
        return IdentifierType.named(name);
      } catch (IllegalArgumentException e) {
        throw invalid(where, field, e.getMessage());
      }
    }

    private static Pattern pattern(String where, String field, String pattern) {
      if (pattern == null || pattern.isEmpty()) {
        throw invalid(where, field, "holds an empty pattern");
      }
      try {
        return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
      } catch (PatternSyntaxException e) {
        throw invalid(
            where, field, "'" + pattern + "' is not a regular expression: " + e.getDescription());
      }
    }

    private static IllegalArgumentException invalid(String where, String field, String problem) {
      return new IllegalArgumentException(
          "identity rules (" + where + "): " + field + " " + problem);
    }
  }
}
