package org.contactpipeline.ingest.marketingcloud;

import java.util.regex.Pattern;

/**
 * Syntax check of an email address, the part of RFC 5321/5322 that real mailboxes use: a dot-atom
 * local part of at most 64 characters, and a domain of at least two dot-separated labels ending in
 * an alphabetic top-level domain, 254 characters in all. Quoted local parts and IP-literal domains
 * are refused: no sending platform accepts them as contact addresses.
 */
final class EmailAddresses {

  private static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL_LENGTH = 64;
  private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern DOMAIN =
      Pattern.compile("([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

  private EmailAddresses() {
  }

  static boolean isValid(String address) {
    int at = address.lastIndexOf('@');
    if (address.length() > MAX_LENGTH || at < 1 || at > MAX_LOCAL_LENGTH) {
      return false;
    }
    return LOCAL.matcher(address.substring(0, at)).matches() && DOMAIN.matcher(address.substring(at + 1)).matches();
  }
}
