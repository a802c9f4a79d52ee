package org.contactpipeline.identity;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.contactpipeline.schemas.avro.ContactData;

/**
 * One tenant's rules for identity by identifier.
 *
 * @param match the identifier types that find a contact, highest priority first; empty: a contact
 *     is its key alone, as before identifiers
 * @param limits how many values of each matched type one contact may hold
 * @param blocked per type, patterns of normalized values that never match (besides {@link
 *     BlockedValues}' built-in ones), each matched against the whole value, ignoring case
 * @param onConflict what a write does whose identifiers belong to several contacts
 */
public record TenantIdentityRules(
    List<IdentifierType> match,
    Map<IdentifierType, Integer> limits,
    Map<IdentifierType, List<Pattern>> blocked,
    OnConflict onConflict) {

  /**
   * Limits where a tenant sets none: one value of an id another system issued (a user has one user
   * id there), five of what a person collects over the years.
   */
  static final Map<IdentifierType, Integer> DEFAULT_LIMITS =
      Map.of(
          IdentifierType.USER_ID, 1,
          IdentifierType.EXTERNAL_ID, 1,
          IdentifierType.EMAIL, 5,
          IdentifierType.PHONE, 5,
          IdentifierType.DEVICE_ID, 5);

  /** The most values of one type a rule may allow a contact. */
  static final int MAX_LIMIT = 100;

  /** Identity by key alone: what a tenant without rules gets. */
  public static final TenantIdentityRules KEY_ONLY =
      new TenantIdentityRules(List.of(), DEFAULT_LIMITS, Map.of(), OnConflict.REFUSE);

  public TenantIdentityRules {
    match = List.copyOf(match);
    Map<IdentifierType, Integer> withDefaults = new EnumMap<>(DEFAULT_LIMITS);
    withDefaults.putAll(limits);
    limits = Map.copyOf(withDefaults);
    blocked = Map.copyOf(blocked);
  }

  /** Whether identifiers find contacts for this tenant at all. */
  public boolean matchesByIdentifier() {
    return !match.isEmpty();
  }

  /**
   * The identifiers of {@code data} that find a contact under these rules, highest priority first:
   * types that do not match and blocked values left out.
   */
  public List<Identifier> matching(ContactData data) {
    List<Identifier> all = ContactIdentifiers.of(data);
    return match.stream()
        .flatMap(type -> all.stream().filter(identifier -> identifier.type() == type))
        .filter(identifier -> !isBlocked(identifier))
        .toList();
  }

  /** Whether a built-in rule or one of the tenant's patterns blocks this identifier. */
  public boolean isBlocked(Identifier identifier) {
    return BlockedValues.isBuiltIn(identifier)
        || BlockedValues.matchesAny(identifier, blocked.getOrDefault(identifier.type(), List.of()));
  }

  /** How many values of {@code type} one contact may hold. */
  public int limit(IdentifierType type) {
    return limits.get(type);
  }
}
