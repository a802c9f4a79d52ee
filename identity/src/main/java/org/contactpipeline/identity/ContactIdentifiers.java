package org.contactpipeline.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.contactpipeline.schemas.avro.ContactData;

/**
 * The identifiers a contact's data holds, normalized so that equal identifiers compare equal
 * however they were written: an email trimmed and lower-cased, a phone as E.164 ({@code +} and its
 * digits), the others trimmed and otherwise as given (a user id or device id may be case-sensitive
 * in the system that issued it).
 *
 * <p>A phone identifies only with its country code: from {@code phoneCountryCode} with {@code
 * phoneNumber}, or a full {@code phone} written with {@code +} or starting with its country code. A
 * number starting with 0 is a national number, the same digits of which belong to different people
 * in different countries, so it identifies no one; so does one of fewer than 7 or more than 15
 * digits (E.164's bound).
 */
public final class ContactIdentifiers {

  static final int MIN_PHONE_DIGITS = 7;
  static final int MAX_PHONE_DIGITS = 15;

  private ContactIdentifiers() {}

  /** Every identifier {@code data} holds, in {@link IdentifierType} order; rules not applied. */
  public static List<Identifier> of(ContactData data) {
    List<Identifier> identifiers = new ArrayList<>();
    email(data.getEmail()).ifPresent(identifiers::add);
    phone(data.getPhone(), data.getPhoneCountryCode(), data.getPhoneNumber())
        .ifPresent(identifiers::add);
    opaque(IdentifierType.USER_ID, data.getUserId()).ifPresent(identifiers::add);
    opaque(IdentifierType.EXTERNAL_ID, data.getExternalId()).ifPresent(identifiers::add);
    opaque(IdentifierType.DEVICE_ID, data.getDeviceId()).ifPresent(identifiers::add);
    return identifiers;
  }

  /** An email, trimmed and lower-cased; empty when none is given. */
  public static Optional<Identifier> email(CharSequence email) {
    if (email == null || email.toString().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new Identifier(IdentifierType.EMAIL, email.toString().strip().toLowerCase(Locale.ROOT)));
  }

  /**
   * A phone as E.164, from the country code and number when both are given, else from the full
   * number; empty when neither carries a country code (see the class comment).
   */
  public static Optional<Identifier> phone(
      CharSequence full, CharSequence countryCode, CharSequence number) {
    String digits;
    if (countryCode != null && number != null) {
      String country = digitsOf(countryCode);
      String national = stripTrunkPrefix(digitsOf(number));
      digits = country.isEmpty() || country.charAt(0) == '0' ? "" : country + national;
    } else if (full != null && isPhoneText(full)) {
      String text = full.toString().strip();
      if (text.startsWith("00")) {
        digits = digitsOf(text.substring(2)); // the international prefix, then the country code
      } else if (text.startsWith("0")) {
        digits = ""; // a national number
      } else {
        digits = digitsOf(text);
      }
    } else {
      digits = "";
    }
    if (digits.length() < MIN_PHONE_DIGITS
        || digits.length() > MAX_PHONE_DIGITS
        || digits.charAt(0) == '0') {
      return Optional.empty();
    }
    return Optional.of(new Identifier(IdentifierType.PHONE, "+" + digits));
  }

  /** A user id, external id or device id: trimmed; empty when none is given. */
  public static Optional<Identifier> opaque(IdentifierType type, CharSequence value) {
    if (value == null || value.toString().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Identifier(type, value.toString().strip()));
  }

  /** Digits, {@code +} and the separators people write numbers with; no letters, no extension. */
  private static boolean isPhoneText(CharSequence text) {
    return text.chars().allMatch(c -> c >= '0' && c <= '9' || " +-.()".indexOf(c) >= 0);
  }

  /** A national number written with its trunk prefix ({@code 07712…} in the UK) loses the 0. */
  private static String stripTrunkPrefix(String national) {
    return national.startsWith("0") ? national.substring(1) : national;
  }

  private static String digitsOf(CharSequence text) {
    StringBuilder digits = new StringBuilder(text.length());
    text.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> digits.append((char) c));
    return digits.toString();
  }
}
