package org.contactpipeline.identity;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values that never identify anyone, whatever a tenant configures: placeholders that forms and
 * imports fill in when the real value is missing. Two contacts that share one would otherwise be
 * merged into one person. A tenant adds its own ({@link TenantIdentityRules#blocked}), such as a
 * shared test address or a shop's own phone number.
 */
final class BlockedValues {

  /** Words systems write for "no value", compared ignoring case; an email's local part too. */
  private static final Set<String> PLACEHOLDERS =
      Set.of("null", "nil", "none", "undefined", "unknown", "n/a", "na", "-", "test");

  /** Every digit a zero: {@code 0}, {@code +000000}, {@code 00000000}. */
  private static final Pattern ALL_ZEROS = Pattern.compile("\\+?0+");

  private BlockedValues() {}

  /** Whether the built-in rules block this normalized identifier. */
  static boolean isBuiltIn(Identifier identifier) {
    String value = identifier.value().strip().toLowerCase(Locale.ROOT);
    if (value.isEmpty() || PLACEHOLDERS.contains(value) || ALL_ZEROS.matcher(value).matches()) {
      return true;
    }
    if (identifier.type() == IdentifierType.EMAIL) {
      int at = value.indexOf('@');
      return at <= 0 || PLACEHOLDERS.contains(value.substring(0, at));
    }
    return false;
  }

  /** Whether one of {@code patterns} matches the whole normalized value. */
  static boolean matchesAny(Identifier identifier, List<Pattern> patterns) {
    return patterns.stream().anyMatch(p -> p.matcher(identifier.value()).matches());
  }
}
