package org.contactpipeline.ingest.cendyn;

/**
 * Cendyn's phone parameters, checked together: {@code phone_countrycode} with {@code phone_number}
 * (both or neither), and/or the full {@code phone}; when both forms are given they must be the same
 * number. Country code and number are kept as their digits only ({@code "+44"} becomes {@code
 * "44"}, {@code "7712 345 678"} becomes {@code "7712345678"}), so that the list filters match
 * however a number was written; the full phone is kept as given. E.164 bounds: a country code of 1
 * to 3 digits not starting with 0, at most 15 digits in all.
 *
 * @param countryCode digits of {@code phone_countrycode}, or null
 * @param number digits of {@code phone_number}, or null
 * @param full {@code phone} as given, or null
 */
record PhoneParameters(String countryCode, String number, String full) {

  static final String COUNTRY_CODE = "phone_countrycode";
  static final String NUMBER = "phone_number";
  static final String FULL = "phone";

  private static final int MAX_DIGITS = 15;
  private static final int MIN_NUMBER_DIGITS = 4;
  private static final int MIN_FULL_DIGITS = 5;

  static PhoneParameters read(BodyFields fields) {
    String countryCode = fields.nonBlankText(COUNTRY_CODE);
    String number = fields.nonBlankText(NUMBER);
    String full = fields.nonBlankText(FULL);
    if ((countryCode == null) != (number == null)) {
      throw CendynRejection.unprocessable(
          "phone_countrycode and phone_number must be given together"
              + " (or give the full number with its country code as phone)");
    }
    String countryDigits = null;
    String numberDigits = null;
    if (countryCode != null) {
      countryDigits = countryCodeDigits(fields, countryCode);
      numberDigits = numberDigits(fields, number);
      if (countryDigits.length() + numberDigits.length() > MAX_DIGITS) {
        throw CendynRejection.unprocessable(
            "phone_countrycode and phone_number together have "
                + (countryDigits.length() + numberDigits.length())
                + " digits; a phone number has at most "
                + MAX_DIGITS);
      }
    }
    if (full != null) {
      String fullDigits = fullDigits(fields, full);
      if (countryDigits != null && !fullDigits.equals(countryDigits + numberDigits)) {
        throw CendynRejection.unprocessable(
            "phone '"
                + full
                + "' is not the number that phone_countrycode '"
                + countryCode
                + "' and phone_number '"
                + number
                + "' give");
      }
    }
    return new PhoneParameters(countryDigits, numberDigits, full);
  }

  boolean isGiven() {
    return countryCode != null || full != null;
  }

  /** The contact key of a contact known only by its phone: {@code +} and the digits. */
  String keyText() {
    return "+" + (countryCode != null ? countryCode + number : digitsOf(full));
  }

  private static String countryCodeDigits(BodyFields fields, String countryCode) {
    String digits =
        countryCode.strip().startsWith("+")
            ? countryCode.strip().substring(1)
            : countryCode.strip();
    if (digits.isEmpty() || digits.length() > 3 || !allDigits(digits) || digits.charAt(0) == '0') {
      throw fields.invalid(
          COUNTRY_CODE,
          "must be a country calling code of 1 to 3 digits such as 44, was '" + countryCode + "'");
    }
    return digits;
  }

  private static String numberDigits(BodyFields fields, String number) {
    if (!number.chars().allMatch(c -> c >= '0' && c <= '9' || " -.()".indexOf(c) >= 0)) {
      throw fields.invalid(
          NUMBER,
          "must hold only digits (spaces, dots, hyphens and parentheses are ignored)"
              + " and no country code, was '"
              + number
              + "'");
    }
    String digits = digitsOf(number);
    if (digits.length() < MIN_NUMBER_DIGITS) {
      throw fields.invalid(
          NUMBER, "must have at least " + MIN_NUMBER_DIGITS + " digits, was '" + number + "'");
    }
    return digits;
  }

  private static String fullDigits(BodyFields fields, String full) {
    String rest = full.strip().startsWith("+") ? full.strip().substring(1) : full.strip();
    if (!rest.chars().allMatch(c -> c >= '0' && c <= '9' || " -.()".indexOf(c) >= 0)) {
      throw fields.invalid(
          FULL,
          "must be a phone number with its country code such as +447712345678, was '" + full + "'");
    }
    String digits = digitsOf(rest);
    if (digits.length() < MIN_FULL_DIGITS || digits.length() > MAX_DIGITS) {
      throw fields.invalid(
          FULL,
          "must have " + MIN_FULL_DIGITS + " to " + MAX_DIGITS + " digits, was '" + full + "'");
    }
    if (digits.charAt(0) == '0') {
      throw fields.invalid(
          FULL,
          "must start with the country code, not with 0 or an international prefix, was '"
              + full
              + "'");
    }
    return digits;
  }

  /** The digits of a phone parameter, as a filter compares them. */
  static String digitsOf(String text) {
    StringBuilder digits = new StringBuilder(text.length());
    text.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> digits.append((char) c));
    return digits.toString();
  }

  private static boolean allDigits(String text) {
    return text.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
