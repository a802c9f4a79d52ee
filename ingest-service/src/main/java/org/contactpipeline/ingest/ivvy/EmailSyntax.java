package org.contactpipeline.ingest.ivvy;

import java.util.regex.Pattern;

/**
 * Whether text is a valid email address for iVvy's "Must be a valid email": one {@code @}, a
 * dot-atom local part of at most 64 characters, and a domain of at least two DNS labels ending in
 * an alphabetic top-level label, 254 characters at most in all. Checked without any network
 * lookup, so the same address is always judged the same way.
 */
final class EmailSyntax {

  private static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL_LENGTH = 64;
  private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern DOMAIN = Pattern.compile(
      "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private EmailSyntax() {
  }

  static boolean isValid(String email) {
    if (email.length() > MAX_LENGTH) {
      return false;
    }
    int at = email.lastIndexOf('@');
    if (at <= 0 || at > MAX_LOCAL_LENGTH) {
      return false;
    }
    return LOCAL.matcher(email.substring(0, at)).matches() && DOMAIN.matcher(email.substring(at + 1)).matches();
  }
}
