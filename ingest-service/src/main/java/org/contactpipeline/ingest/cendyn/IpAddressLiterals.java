package org.contactpipeline.ingest.cendyn;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Recognises IPv4 and IPv6 address literals ({@code gdpr_remote_ip}) without ever resolving a name.
 * IPv4 must be four decimal octets without leading zeros (the JDK would also take {@code 127.1} or
 * octal-looking forms, which a logged client IP never is).
 */
final class IpAddressLiterals {

  private IpAddressLiterals() {}

  static boolean isIpAddress(String text) {
    return isIpv4(text) || isIpv6(text);
  }

  static boolean isIpv4(String text) {
    String[] octets = text.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty()
          || octet.length() > 3
          || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
          || octet.length() > 1 && octet.charAt(0) == '0'
          || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String text) {
    if (text.indexOf(':') < 0 || !text.chars().allMatch(IpAddressLiterals::isIpv6Char)) {
      return false;
    }
    int lastColon = text.lastIndexOf(':');
    if (text.indexOf('.') >= 0 && !isIpv4(text.substring(lastColon + 1))) {
      return false;
    }
    try {
      // Only hex digits, colons and dots are left, so the text starts with a hex digit or a colon:
      // InetAddress parses such text as a literal and throws when it is not one; it never asks DNS.
      InetAddress.getByName(text);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isIpv6Char(int c) {
    return c >= '0' && c <= '9'
        || c >= 'a' && c <= 'f'
        || c >= 'A' && c <= 'F'
        || c == ':'
        || c == '.';
  }
}
